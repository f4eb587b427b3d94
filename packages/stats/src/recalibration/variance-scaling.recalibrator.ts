import { z } from 'zod';
import type { RegressionPrediction, RecalibrationMethod } from '@hepuq/core';
import { regressionArrays } from '../metrics/metric-input.js';
import { scaleRegression } from './scale-regression.js';

export const VARIANCE_SCALING = 'variance-scaling';
export const VarianceScalingOptions = z.object({}).strict();

/**
 * Variance (sigma) scaling: s^2 = sum w t^2 / W on the calibration set (t = pull), then sigma -> s sigma.
 * This s maximises the weighted Gaussian likelihood in s (Levi et al., arXiv:1905.11659; Laves et al.,
 * MIDL 2020). Closed form; no fit iterations.
 * @example const r = varianceScaling.fit({ prediction, truth }); r.apply(testPrediction).sigmaTot
 */
export const varianceScaling: RecalibrationMethod<RegressionPrediction, typeof VarianceScalingOptions> = {
  key: VARIANCE_SCALING,
  task: 'regression',
  description: 'Scale every sigma by one factor s fitted in closed form (maximum likelihood) on a calibration set.',
  definition: 's^2 = sum_i w_i ((y_i - mu_i)/sigmaTot_i)^2 / W; sigmaStat, sigmaSyst, sigmaTot -> s x sigma; replicas and mixture components are stretched about mu by s.',
  options: VarianceScalingOptions,
  fit(data) {
    const { mean, sigma, truth, w, summary } = regressionArrays(VARIANCE_SCALING, data, 'recalibration');
    let s2 = 0;
    for (let i = 0; i < truth.length; i++) {
      const t = (truth[i] - mean[i]) / sigma[i];
      s2 += w[i] * t * t;
    }
    const scale = Math.sqrt(Math.max(s2 / summary.sumW, 0));
    return {
      method: VARIANCE_SCALING,
      parameters: { scale, neff: summary.neff },
      apply: (prediction) => scaleRegression(prediction, () => scale),
    };
  },
};
