import { LikelihoodRatioOptions, likelihoodRatioWeights, parseOrThrow } from '@hepuq/core';
import type { Metric, MetricInput, MetricOutput } from '@hepuq/core';
import { classificationArrays } from '../metric-input.js';

export const LIKELIHOOD_RATIO = 'likelihood-ratio';

/** Diagnostics of reweighting class 0 to class 1 with w = c/(1-c): clipping, largest weight, ESS, closure. */
export function createLikelihoodRatioMetric(options: LikelihoodRatioOptions = {}): Metric {
  const opts = parseOrThrow(LikelihoodRatioOptions, options, { code: 'InvalidArgument', where: 'likelihood-ratio metric options' });
  return {
    key: LIKELIHOOD_RATIO,
    task: 'classification',
    description: 'Likelihood-ratio trick w = c/(1-c) applied to the label-0 events: clipping, max weight, effective sample size, closure.',
    definition:
      `w_i = prior c_i/(1 - c_i) with c clipped to [${opts.probClip}, 1-${opts.probClip}] and w clipped at ${opts.maxWeight} (prior ${opts.prior}); evaluated on label-0 events with event weights v. `
      + 'lr_clipped_fraction = sum_{clipped} v / sum v (binomial error); lr_max_weight = largest w before weight clipping (an extreme value: no error); '
      + 'lr_ess = (sum v w)^2 / sum (v w)^2 (Kish) and lr_ess_fraction = lr_ess / Neff(v) (no error: descriptive); '
      + 'lr_closure = sum_{y=0} v w / sum_{y=1} v (1 for a calibrated classifier and matching prior), error lr_closure sqrt(1/lr_ess + 1/Neff_1).',
    valueNames: ['lr_clipped_fraction', 'lr_max_weight', 'lr_ess', 'lr_ess_fraction', 'lr_closure'],
    compute(input: MetricInput): MetricOutput {
      const { prob, label, w } = classificationArrays(LIKELIHOOD_RATIO, input);
      const lr = likelihoodRatioWeights(prob, opts);
      let s0 = 0;
      let s0sq = 0;
      let sClip = 0;
      let sw = 0;
      let sw2 = 0;
      let s1 = 0;
      let s1sq = 0;
      let maxRaw = 0;
      for (let i = 0; i < prob.length; i++) {
        if (label[i] === 1) {
          s1 += w[i];
          s1sq += w[i] * w[i];
          continue;
        }
        s0 += w[i];
        s0sq += w[i] * w[i];
        if (lr.clipped[i]) sClip += w[i];
        const vw = w[i] * lr.weights[i];
        sw += vw;
        sw2 += vw * vw;
        const c = Math.min(Math.max(prob[i], opts.probClip), 1 - opts.probClip);
        maxRaw = Math.max(maxRaw, (opts.prior * c) / (1 - c));
      }
      const neff0 = (s0 * s0) / s0sq;
      const neff1 = (s1 * s1) / s1sq;
      const ess = (sw * sw) / sw2;
      const f = sClip / s0;
      const fc = Math.min(Math.max(f, 0), 1);
      const closure = sw / s1;
      return {
        values: {
          lr_clipped_fraction: { value: f, error: Math.sqrt((fc * (1 - fc)) / neff0) },
          lr_max_weight: { value: maxRaw },
          lr_ess: { value: ess },
          lr_ess_fraction: { value: ess / neff0 },
          lr_closure: { value: closure, error: Math.abs(closure) * Math.sqrt(1 / ess + 1 / neff1) },
        },
      };
    },
  };
}

export const likelihoodRatioMetric: Metric = createLikelihoodRatioMetric();
