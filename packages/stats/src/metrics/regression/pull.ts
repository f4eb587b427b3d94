import type { NumArray } from '../../weighted/weighted-stats.js';

/** Pulls t_i = (truth_i - mean_i) / sigma_i as float64. */
export function pulls(truth: NumArray, mean: NumArray, sigma: NumArray): Float64Array {
  const out = new Float64Array(truth.length);
  for (let i = 0; i < out.length; i++) out[i] = (truth[i] - mean[i]) / sigma[i];
  return out;
}
