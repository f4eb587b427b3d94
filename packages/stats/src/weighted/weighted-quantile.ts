import { HepuqError } from '@hepuq/core';
import { argsort } from '../sort/argsort.js';
import type { NumArray } from './weighted-stats.js';

/**
 * Weighted quantiles by the averaged inverse of the weighted empirical CDF (Hyndman & Fan 1996,
 * definition 2; numpy's `averaged_inverted_cdf`): the smallest value whose cumulative weight reaches
 * q W, the mean of it and the next value where the cumulative weight equals q W exactly (so the median
 * of an even count is the mean of the middle two). An event of integer weight k gives the same
 * quantiles as k copies of it. With negative weights the first crossing of q W is taken. W must be positive.
 * @example weightedQuantiles(Float64Array.of(3, 1, 2, 4), Float64Array.of(1, 1, 1, 1), [0.5]) // [2.5]
 */
export function weightedQuantiles(values: NumArray, weights: NumArray, qs: readonly number[]): number[] {
  const n = values.length;
  if (n === 0) return qs.map(() => Number.NaN);
  if (weights.length !== n) throw new HepuqError('ShapeMismatch', `weightedQuantiles: ${n} values but ${weights.length} weights`);
  const idx = argsort(values);
  let total = 0;
  for (let i = 0; i < n; i++) total += weights[i];
  if (!(total > 0)) throw new HepuqError('InvalidArgument', `weightedQuantiles: the weights sum to ${total}; quantiles need a positive total`);
  const cum = new Float64Array(n);
  let c = 0;
  for (let j = 0; j < n; j++) {
    c += weights[idx[j]];
    cum[j] = c;
  }
  const tie = 1e-12 * total;
  return qs.map((q) => {
    const target = q * total;
    let j = 0;
    while (j < n - 1 && cum[j] < target - tie) j++;
    // exactly on a step of the CDF: halfway to the next value with weight
    if (Math.abs(cum[j] - target) <= tie && j < n - 1) {
      let k = j + 1;
      while (k < n - 1 && weights[idx[k]] === 0) k++;
      return 0.5 * (values[idx[j]] + values[idx[k]]);
    }
    return values[idx[j]];
  });
}

/**
 * The weighted median with its error 1 / (2 f(m) sqrt(Neff)) (the asymptotic standard deviation of a
 * sample median, Neff the Kish effective size), the density at the median estimated from the
 * quantiles around it: 1/f(m) = (q(1/2 + h) - q(1/2 - h)) / (2h) with h = min(2/sqrt(Neff), 1/4), about
 * 4 sqrt(Neff) events, so the error is known to about 1/(2 Neff^(1/4)) (8% for 2000 events). For a
 * Gaussian it tends to 1.2533 sigma / sqrt(Neff); no distribution is assumed. NaN below 2 effective events.
 * @example weightedMedian(values, weights) // { value: 0.01, error: 0.004 }
 */
export function weightedMedian(values: NumArray, weights: NumArray): { value: number; error: number } {
  let s = 0;
  let s2 = 0;
  for (let i = 0; i < weights.length; i++) {
    s += weights[i];
    s2 += weights[i] * weights[i];
  }
  const neff = s2 > 0 ? (s * s) / s2 : 0;
  if (!(s > 0) || neff < 2) return { value: Number.NaN, error: Number.NaN };
  const h = Math.min(2 / Math.sqrt(neff), 0.25);
  const [lo, mid, hi] = weightedQuantiles(values, weights, [0.5 - h, 0.5, 0.5 + h]);
  return { value: mid, error: (hi - lo) / (2 * h) / (2 * Math.sqrt(neff)) };
}
