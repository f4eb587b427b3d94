import type { Metric, MetricInput, MetricOutput } from '@hepuq/core';
import { weightedMean } from '../../weighted/weighted-stats.js';
import { multiclassArrays } from '../metric-input.js';

export const MULTICLASS_BRIER = 'multiclass-brier';

/**
 * Multi-category Brier score sum_k (p_k - 1[y = k])^2 per event — Brier, Mon. Weather Rev. 78 (1950) 1, eq. 1.
 * @example multiclassBrierScores([Float32Array.of(0.5), Float32Array.of(0.5)], Float32Array.of(0)) // [0.5]
 */
export function multiclassBrierScores(probs: readonly Float32Array[], label: Float32Array): Float64Array {
  const d = new Float64Array(label.length);
  for (let c = 0; c < probs.length; c++) {
    const p = probs[c];
    for (let i = 0; i < d.length; i++) d[i] += (p[i] - (label[i] === c ? 1 : 0)) ** 2;
  }
  return d;
}

/** Weighted mean of the multi-category Brier score (range [0, 2]; lower is better). */
export const multiclassBrierMetric: Metric = {
  key: MULTICLASS_BRIER,
  task: 'multiclass',
  description: 'Multi-category Brier score: weighted mean over events of sum_k (p_k - 1[y = k])^2 (lower is better).',
  definition: 'brier = sum_i w_i sum_k (p_ik - 1[y_i = k])^2 / W (Brier 1950 multi-category form, range [0, 2]; '
    + 'for K = 2 it is twice the binary brier); error s/sqrt(Neff).',
  valueNames: ['brier'],
  compute(input: MetricInput): MetricOutput {
    const { probs, label, w, summary } = multiclassArrays(MULTICLASS_BRIER, input);
    return { values: { brier: weightedMean(multiclassBrierScores(probs, label), w, summary) } };
  },
};
