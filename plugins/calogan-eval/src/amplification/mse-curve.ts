import type { Rng } from '@hepuq/core';
import type { FeatureSample } from '../sample/feature-sample.js';
import { mean } from '../stats/summary-stats.js';
import { cellFractions } from './quantile-cells.js';
import { mseError, quantileMse } from './quantile-mse.js';

/** The quantile MSE of subsamples of one size. */
export interface CurvePoint {
  /** Events per subsample. */
  n: number;
  /** Disjoint subsamples averaged (1 at the full size). */
  batches: number;
  mse: number;
  /** Analytic error of the mean over the subsamples, sqrt(sum sigma_k^2) / batches (mseError per subsample). */
  error: number;
}

/**
 * `points` sizes from `min` to `n`, equally spaced in log n (a geometric series ending at n), rounded
 * and deduplicated.
 * @example geometricSizes(100, 100_000, 4) // [100, 1000, 10000, 100000]
 */
export function geometricSizes(min: number, n: number, points: number): number[] {
  const lo = Math.max(1, Math.min(min, n));
  if (points < 2 || lo === n) return [n];
  const ratio = (n / lo) ** (1 / (points - 1));
  const sizes = Array.from({ length: points }, (_, k) => (k === points - 1 ? n : Math.round(lo * ratio ** k)));
  return [...new Set(sizes)];
}

/**
 * The quantile MSE against the truth fractions p of growing subsamples of a sample (its cell index
 * given): at each size the mean over up to `batches` disjoint subsamples of one seeded permutation, the
 * last size being the whole sample. `nTruth` (effective) enters the analytic errors.
 * @example mseCurve(index, p, generated, geometricSizes(50, generated.n, 10), 10, 1e6, new Rng(1))
 */
export function mseCurve(index: Int32Array, p: Float64Array, sample: FeatureSample, sizes: readonly number[], batches: number, nTruth: number, rng: Rng): CurvePoint[] {
  const perm = rng.permutation(sample.n);
  return sizes.map((m) => {
    const count = Math.max(1, Math.min(batches, Math.floor(sample.n / m)));
    const values: number[] = [];
    let variance = 0;
    for (let k = 0; k < count; k++) {
      const rows = m === sample.n ? undefined : perm.subarray(k * m, (k + 1) * m);
      const { fractions, nEff } = cellFractions(index, p.length, sample, rows);
      values.push(quantileMse(fractions, p));
      variance += mseError(fractions, p, 1 / (1 / nEff + 1 / nTruth)) ** 2;
    }
    // the truth's share of each error is common to the subsamples; with N_truth >> n it is negligible
    return { n: m, batches: count, mse: mean(values), error: Math.sqrt(variance) / count };
  });
}
