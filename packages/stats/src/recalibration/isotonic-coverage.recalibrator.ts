import { z } from 'zod';
import { HepuqError, type RegressionPrediction, type PredictionInterval, type RecalibrationMethod, type RegressionRecalibrator } from '@hepuq/core';
import { regressionArrays } from '../metrics/metric-input.js';
import { MonotoneMap } from '../isotonic/monotone-map.js';
import { pav } from '../isotonic/pav.js';
import { argsort } from '../sort/argsort.js';
import { centralQuantile, normalCdf, ONE_SIGMA_LEVEL } from '../special/normal.js';
import { scaleRegression } from './scale-regression.js';

export const ISOTONIC_COVERAGE = 'isotonic-coverage';
export const IsotonicCoverageOptions = z.object({}).strict();

/** Largest nominal level used for an interval (z = 5.3); a map asking for more is clamped here. */
const MAX_LEVEL = 1 - 1e-7;

/**
 * Isotonic recalibration of interval coverage (Kuleshov et al., ICML 2018, alg. 1, applied to central
 * intervals): on the calibration set u_i = |2 Phi(t_i) - 1| is the smallest nominal level whose central
 * interval covers y_i; R(p) = weighted fraction with u <= p is fitted by weighted PAV through (u_i, R(u_i))
 * with anchors (0,0), (1,1). A nominal level p then truly covers R(p), so the interval with coverage q
 * uses the nominal level R^-1(q). `apply` returns sigma x z(R^-1(0.6827)), the recalibrated +-1 sigma;
 * `interval` gives the recalibrated interval at any level.
 * @example const r = isotonicCoverage.fit(calib); r.interval(test, 0.95)
 */
export const isotonicCoverage: RecalibrationMethod<RegressionPrediction, typeof IsotonicCoverageOptions> & {
  fit(data: Parameters<RecalibrationMethod<RegressionPrediction>['fit']>[0]): RegressionRecalibrator;
} = {
  key: ISOTONIC_COVERAGE,
  task: 'regression',
  description: 'Isotonic (PAV) map from nominal to observed central-interval coverage; returns the recalibrated +-1 sigma.',
  definition:
    'u_i = |2 Phi((y_i - mu_i)/sigmaTot_i) - 1|; R = weighted PAV fit of the weighted empirical CDF of u (anchors (0,0), (1,1), linear between block centres); '
    + 'interval at level q: mu -+ Phi^-1((1 + R^-1(q))/2) sigmaTot; sigma -> sigma Phi^-1((1 + R^-1(0.6827))/2) (Kuleshov et al. 2018).',
  options: IsotonicCoverageOptions,
  fit(data) {
    const { mean, sigma, truth, w, summary } = regressionArrays(ISOTONIC_COVERAGE, data, 'recalibration');
    const u = new Float64Array(truth.length);
    for (let i = 0; i < u.length; i++) u[i] = Math.abs(2 * normalCdf((truth[i] - mean[i]) / sigma[i]) - 1);
    const order = argsort(u);
    const x = new Float64Array(u.length);
    const y = new Float64Array(u.length);
    const wx = new Float64Array(u.length);
    let cum = 0;
    for (let j = 0; j < order.length; j++) {
      const i = order[j];
      cum += w[i];
      x[j] = u[i];
      y[j] = cum / summary.sumW;
      wx[j] = w[i];
    }
    const map = MonotoneMap.fromPav(pav(x, y, wx), { anchors: [[0, 0], [1, 1]] });
    const nominal = (q: number) => {
      if (!(q > 0 && q < 1)) throw new HepuqError('InvalidArgument', `recalibration "${ISOTONIC_COVERAGE}": level ${q} must lie in (0, 1)`);
      return Math.min(map.inverse(q), MAX_LEVEL);
    };
    const scale = centralQuantile(nominal(ONE_SIGMA_LEVEL));
    return {
      method: ISOTONIC_COVERAGE,
      parameters: { scaleOneSigma: scale, nodes: map.x.length, nominal: Array.from(map.x), observed: Array.from(map.y) },
      apply: (prediction) => scaleRegression(prediction, () => scale),
      interval(prediction, level): PredictionInterval {
        const z = centralQuantile(nominal(level));
        return {
          level,
          lo: Float32Array.from(prediction.mean, (m, i) => m - z * prediction.sigmaTot[i]),
          hi: Float32Array.from(prediction.mean, (m, i) => m + z * prediction.sigmaTot[i]),
        };
      },
    };
  },
};
