import { argsort } from '@hepuq/stats';
import { quantileSorted } from './summary-stats.js';

/**
 * Quantiles of a weighted sample: the smallest value whose normalised cumulative weight reaches q
 * (inverse of the weighted empirical CDF); unit weights use type-7 interpolation like numpy.
 * @example weightedQuantiles(new Float64Array([1, 2, 3]), undefined, [0.5]) // [2]
 */
export function weightedQuantiles(values: Float64Array, weights: Float64Array | undefined, qs: readonly number[]): number[] {
  if (!weights) {
    const sorted = Float64Array.from(values).sort();
    return qs.map((q) => quantileSorted(sorted, q));
  }
  const idx = argsort(values);
  let total = 0;
  for (let i = 0; i < idx.length; i++) total += Math.max(0, weights[idx[i]]);
  return qs.map((q) => {
    const target = q * total;
    let acc = 0;
    for (let r = 0; r < idx.length; r++) {
      acc += Math.max(0, weights[idx[r]]);
      if (acc >= target) return values[idx[r]];
    }
    return values[idx[idx.length - 1]];
  });
}
