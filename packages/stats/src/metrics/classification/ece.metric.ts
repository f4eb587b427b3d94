import { z } from 'zod';
import { Rng, type Metric, type MetricInput, type MetricOutput, parseOrThrow } from '@hepuq/core';
import { poissonBootstrapStd } from '../../bootstrap/poisson-bootstrap.js';
import { equalMassBins } from '../../weighted/equal-mass-bins.js';
import { classificationArrays } from '../metric-input.js';
import { BootstrapOptions } from './bootstrap-options.js';

export const ECE = 'ece';

export const EceOptions = BootstrapOptions.extend({ bins: z.number().int().min(1).max(10_000).default(15) }).strict();
export type EceOptions = z.input<typeof EceOptions>;

/** Top-label confidence max(p, 1-p) and correctness of the predicted label 1[p >= 0.5] (Guo et al. 2017). */
export function topLabel(prob: Float32Array, label: Float32Array): { conf: Float32Array; correct: Uint8Array } {
  const conf = new Float32Array(prob.length);
  const correct = new Uint8Array(prob.length);
  for (let i = 0; i < prob.length; i++) {
    const p = prob[i];
    conf[i] = p >= 0.5 ? p : 1 - p;
    correct[i] = (p >= 0.5 ? 1 : 0) === label[i] ? 1 : 0;
  }
  return { conf, correct };
}

/** Equal-width bin of a value in [0, 1]: min(floor(v B), B - 1). */
export function equalWidthBins(v: Float32Array, bins: number): Int32Array {
  const b = new Int32Array(v.length);
  for (let i = 0; i < v.length; i++) b[i] = Math.min(Math.floor(v[i] * bins), bins - 1);
  return b;
}

/**
 * Expected calibration error, L1: sum_b (W_b / W) |acc_b - conf_b| over bins with positive weight —
 * Naeini et al., AAAI 2015; Guo et al., ICML 2017, eq. 3. `k` are optional bootstrap multiplicities.
 */
export function eceFromBins(
  bin: Int32Array, nBins: number, conf: Float32Array, correct: Uint8Array, w: Float32Array, k?: Uint8Array,
): number {
  const sw = new Float64Array(nBins);
  const sc = new Float64Array(nBins);
  const sa = new Float64Array(nBins);
  for (let i = 0; i < bin.length; i++) {
    const wi = k ? w[i] * k[i] : w[i];
    const b = bin[i];
    sw[b] += wi;
    sc[b] += wi * conf[i];
    sa[b] += wi * correct[i];
  }
  let total = 0;
  let gap = 0;
  for (let b = 0; b < nBins; b++) {
    if (!(sw[b] > 0)) continue;
    total += sw[b];
    gap += Math.abs(sa[b] - sc[b]);
  }
  return gap / total;
}

/**
 * Reliability-diagram data for P(y = 1): per equal-width bin of p, the weighted mean p, the observed
 * frequency of y = 1 with its binomial error sqrt(f(1-f)/Neff_b), and the bin weight.
 */
export function reliabilityData(prob: Float32Array, label: Float32Array, w: Float32Array, bins = 15) {
  const bin = equalWidthBins(prob, bins);
  const sw = new Float64Array(bins);
  const sw2 = new Float64Array(bins);
  const sp = new Float64Array(bins);
  const sy = new Float64Array(bins);
  for (let i = 0; i < prob.length; i++) {
    const b = bin[i];
    sw[b] += w[i];
    sw2[b] += w[i] * w[i];
    sp[b] += w[i] * prob[i];
    sy[b] += w[i] * label[i];
  }
  const out = { binLow: [] as number[], binHigh: [] as number[], meanProb: [] as number[], frequency: [] as number[], frequencyError: [] as number[], weight: [] as number[] };
  for (let b = 0; b < bins; b++) {
    if (!(sw[b] > 0)) continue;
    const f = sy[b] / sw[b];
    const neff = (sw[b] * sw[b]) / sw2[b];
    const fc = Math.min(Math.max(f, 0), 1);
    out.binLow.push(b / bins);
    out.binHigh.push((b + 1) / bins);
    out.meanProb.push(sp[b] / sw[b]);
    out.frequency.push(f);
    out.frequencyError.push(Math.sqrt((fc * (1 - fc)) / neff));
    out.weight.push(sw[b]);
  }
  return out;
}

/** ECE (top-label, L1) in equal-width (`ece`) and equal-mass (`ece_mass`) bins, bootstrap errors, reliability data. */
export function createEceMetric(options: EceOptions = {}): Metric {
  const opts = parseOrThrow(EceOptions, options, { code: 'InvalidArgument', where: 'ece metric options' });
  return {
    key: ECE,
    task: 'classification',
    description: `Expected calibration error (top-label, L1), ${opts.bins} equal-width and equal-mass bins, with reliability-diagram data.`,
    definition:
      `ece = sum_b (W_b/W) |acc_b - conf_b| over ${opts.bins} equal-width bins of the top-label confidence c = max(p, 1-p) on [0, 1]; `
      + 'acc_b = weighted fraction with 1[p >= 0.5] = y, conf_b = weighted mean c (L1 gap, not squared; Guo et al. 2017 eq. 3). '
      + `ece_mass: same with equal-mass bins (each ~W/${opts.bins}). Bins with W_b <= 0 are skipped. `
      + `Errors: std over ${opts.bootstrap} Poisson(1) bootstrap replicas (bins fixed). ECE is biased upwards at finite N.`,
    valueNames: ['ece', 'ece_mass'],
    compute(input: MetricInput): MetricOutput {
      const { prob, label, w } = classificationArrays(ECE, input);
      const { conf, correct } = topLabel(prob, label);
      const values: MetricOutput['values'] = {};
      const binnings: [string, Int32Array][] = [
        ['ece', equalWidthBins(conf, opts.bins)],
        ['ece_mass', equalMassBins(conf, w, opts.bins)],
      ];
      for (const [name, bin] of binnings) {
        const value = eceFromBins(bin, opts.bins, conf, correct, w);
        const error = poissonBootstrapStd(prob.length, opts.bootstrap, new Rng(opts.seed),
          (k) => eceFromBins(bin, opts.bins, conf, correct, w, k));
        values[name] = Number.isNaN(error) ? { value } : { value, error };
      }
      return { values, plots: { reliability: reliabilityData(prob, label, w, opts.bins) } };
    },
  };
}

export const eceMetric: Metric = createEceMetric();
