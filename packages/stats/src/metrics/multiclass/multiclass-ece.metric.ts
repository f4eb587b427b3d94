import { z } from 'zod';
import { Rng, parseOrThrow, type Metric, type MetricInput, type MetricOutput } from '@hepuq/core';
import { poissonBootstrapStds } from '../../bootstrap/poisson-bootstrap.js';
import { BootstrapOptions } from '../classification/bootstrap-options.js';
import { eceFromBins, equalWidthBins, reliabilityData } from '../classification/calibration-bins.js';
import { multiclassArrays } from '../metric-input.js';
import { classSuffixes } from './class-suffixes.js';
import { classIndicator, multiclassTopLabel } from './top-label.js';

export const MULTICLASS_ECE = 'multiclass-ece';

export const MulticlassEceOptions = BootstrapOptions.extend({ bins: z.number().int().min(1).max(10_000).default(15) }).strict();
export type MulticlassEceOptions = z.input<typeof MulticlassEceOptions>;

/** One binned calibration problem: a score in [0, 1], the 0/1 outcome it predicts, and the score's bins. */
interface EceProblem {
  score: Float32Array;
  outcome: Uint8Array;
  bin: Int32Array;
}

/**
 * Top-label ECE (Guo et al., ICML 2017, eq. 3, confidence max_k p_k) and classwise ECE (Kull et al.,
 * NeurIPS 2019, sec. 3: the mean over classes of the ECE of p_k against 1[y = k]) in equal-width bins,
 * L1 gap, with Poisson-bootstrap errors and reliability-diagram data.
 * @example const metric = createMulticlassEceMetric({ bins: 10, bootstrap: 200 });
 */
export function createMulticlassEceMetric(options: MulticlassEceOptions = {}): Metric {
  const opts = parseOrThrow(MulticlassEceOptions, options, { code: 'InvalidArgument', where: 'multiclass-ece metric options' });
  const { bins } = opts;
  return {
    key: MULTICLASS_ECE,
    task: 'multiclass',
    description: `Top-label and classwise expected calibration error of a K-class classifier (L1, ${bins} equal-width bins), with reliability-diagram data.`,
    definition:
      `ece_top_label = sum_b (W_b/W) |acc_b - conf_b| over ${bins} equal-width bins on [0, 1] of the confidence c = max_k p_k; `
      + 'acc_b = weighted fraction with argmax_k p_k = y, conf_b = weighted mean c (L1 gap; Guo et al. 2017 eq. 3). '
      + `ece_class_<name> = the same gap for the score p_k against the outcome 1[y = k] (${bins} equal-width bins of p_k); `
      + 'ece_classwise = (1/K) sum_k ece_class_k (classwise-ECE, Kull et al. 2019). Bins with W_b <= 0 are skipped. '
      + `Errors: std over ${opts.bootstrap} Poisson(1) bootstrap replicas (bins fixed). ECE is biased upwards at finite N.`,
    valueNames: ['ece_top_label', 'ece_classwise'],
    compute(input: MetricInput): MetricOutput {
      const { probs, label, w, prediction } = multiclassArrays(MULTICLASS_ECE, input);
      const suffixes = classSuffixes(prediction.classes);
      const top = multiclassTopLabel(probs, label);
      const problems: EceProblem[] = [
        { score: top.conf, outcome: top.correct, bin: equalWidthBins(top.conf, bins) },
        ...probs.map((p, c) => ({ score: p, outcome: classIndicator(label, c), bin: equalWidthBins(p, bins) })),
      ];
      // [top label, classwise mean, class 0, ..., class K-1]
      const statistic = (k?: Uint8Array) => {
        const e = problems.map((q) => eceFromBins(q.bin, bins, q.score, q.outcome, w, k));
        const perClass = e.slice(1);
        return [e[0], perClass.reduce((a, b) => a + b, 0) / perClass.length, ...perClass];
      };
      const value = statistic();
      const error = poissonBootstrapStds(label.length, opts.bootstrap, new Rng(opts.seed), statistic);
      const names = ['ece_top_label', 'ece_classwise', ...suffixes.map((s) => `ece_class_${s}`)];
      const values: MetricOutput['values'] = {};
      names.forEach((name, j) => (values[name] = Number.isFinite(error[j]) ? { value: value[j], error: error[j] } : { value: value[j] }));
      const plots: Record<string, unknown> = { reliability_top_label: reliabilityData(top.conf, Float32Array.from(top.correct), w, bins) };
      probs.forEach((p, c) => (plots[`reliability_class_${suffixes[c]}`] = { class: prediction.classes[c], ...reliabilityData(p, Float32Array.from(problems[c + 1].outcome), w, bins) }));
      return { values, plots };
    },
  };
}

export const multiclassEceMetric: Metric = createMulticlassEceMetric();
