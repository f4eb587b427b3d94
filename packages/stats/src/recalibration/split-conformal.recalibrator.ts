import { z } from 'zod';
import { HepuqError, type RegressionPrediction, type RecalibrationMethod, type RegressionRecalibrator, parseOrThrow } from '@hepuq/core';
import { regressionArrays } from '../metrics/metric-input.js';
import { argsort } from '../sort/argsort.js';
import { centralQuantile, ONE_SIGMA_LEVEL } from '../special/normal.js';
import { scaleRegression } from './scale-regression.js';

export const SPLIT_CONFORMAL = 'split-conformal';

export const SplitConformalOptions = z
  .object({
    /** Target coverage 1 - alpha of the conformal interval (default: the +-1 sigma content 0.6827). */
    level: z.number().gt(0).lt(1).default(ONE_SIGMA_LEVEL),
    /** `normalized`: s = |y - mu|/sigmaTot (intervals mu -+ q sigma); `absolute`: s = |y - mu| (mu -+ q). */
    score: z.enum(['normalized', 'absolute']).default('normalized'),
  })
  .strict();

/**
 * Conformal quantile: with unit weights the ceil((n+1)(1-alpha))-th smallest score (Infinity when that
 * exceeds n), which gives P(y in C) >= 1 - alpha for exchangeable data (Lei et al., JASA 113 (2018) 1094,
 * thm. 2.2). With event weights: the smallest s with sum_{s_i <= s} w_i / W >= (1-alpha)(1 + 1/Neff), the
 * Kish-size analogue (approximate; no finite-sample guarantee).
 */
export function conformalQuantile(scores: Float64Array, w: Float32Array | undefined, level: number): number {
  const n = scores.length;
  const order = argsort(scores);
  if (!w) {
    const k = Math.ceil((n + 1) * level);
    return k > n ? Infinity : scores[order[k - 1]];
  }
  let sw = 0;
  let sw2 = 0;
  for (let i = 0; i < n; i++) {
    sw += w[i];
    sw2 += w[i] * w[i];
  }
  const target = level * (1 + sw2 / (sw * sw));
  if (target >= 1) return Infinity;
  let cum = 0;
  for (let j = 0; j < n; j++) {
    cum += w[order[j]];
    if (cum / sw >= target) return scores[order[j]];
  }
  return Infinity;
}

/**
 * Split-conformal intervals for regression (Papadopoulos et al. 2002; Lei et al. 2018), with normalised
 * (locally adaptive) scores by default. `apply` returns the Gaussian-equivalent sigma q sigma / z_level,
 * so mu -+ z_level sigma' is the conformal interval; `interval(p, level)` returns it at the fitted level.
 * @example const r = splitConformal.fit(calib, { level: 0.9 }); r.interval(test, 0.9)
 */
export const splitConformal: RecalibrationMethod<RegressionPrediction, typeof SplitConformalOptions> & {
  fit(data: Parameters<RecalibrationMethod<RegressionPrediction>['fit']>[0], options?: z.input<typeof SplitConformalOptions>): RegressionRecalibrator;
} = {
  key: SPLIT_CONFORMAL,
  task: 'regression',
  description: 'Split-conformal intervals with a finite-sample coverage guarantee (distribution free).',
  definition:
    's_i = |y_i - mu_i|/sigmaTot_i (or |y_i - mu_i|); q = s_(k), k = ceil((n+1) level) (Infinity if k > n); interval mu -+ q sigmaTot; '
    + 'P(y in interval) >= level for exchangeable calibration and test events (Lei et al. 2018). Weighted: (1-alpha)(1+1/Neff) weighted quantile, approximate. '
    + 'Returned sigma = q sigmaTot / Phi^-1((1+level)/2) (Gaussian equivalent at the fitted level).',
  options: SplitConformalOptions,
  fit(data, options = {}) {
    const { level, score } = parseOrThrow(SplitConformalOptions, options, { code: 'InvalidArgument', where: 'split-conformal recalibration options' });
    const { mean, sigma, truth } = regressionArrays(SPLIT_CONFORMAL, data, 'recalibration');
    const s = new Float64Array(truth.length);
    for (let i = 0; i < s.length; i++) s[i] = Math.abs(truth[i] - mean[i]) / (score === 'normalized' ? sigma[i] : 1);
    const q = conformalQuantile(s, data.weights, level);
    const z = centralQuantile(level);
    const halfWidth = (p: RegressionPrediction, i: number) => (score === 'normalized' ? q * p.sigmaTot[i] : q);
    return {
      method: SPLIT_CONFORMAL,
      parameters: { level, score, quantile: q, n: truth.length },
      apply: (prediction) =>
        score === 'normalized'
          ? scaleRegression(prediction, () => q / z)
          : scaleRegression(prediction, (i) => q / (z * prediction.sigmaTot[i])),
      interval(prediction, at) {
        if (Math.abs(at - level) > 1e-9) {
          throw new HepuqError('InvalidArgument', `recalibration "${SPLIT_CONFORMAL}" was fitted at level ${level}, asked for ${at}`, {
            hint: 'Fit one split-conformal recalibrator per level.',
          });
        }
        return {
          level,
          lo: Float32Array.from(prediction.mean, (m, i) => m - halfWidth(prediction, i)),
          hi: Float32Array.from(prediction.mean, (m, i) => m + halfWidth(prediction, i)),
        };
      },
    };
  },
};
