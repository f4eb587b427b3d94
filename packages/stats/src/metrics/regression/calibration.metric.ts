import { parseOrThrow } from '@hepuq/core';
import type { Metric, MetricInput, MetricOutput } from '@hepuq/core';
import { regressionArrays } from '../metric-input.js';
import { CalibrationOptions, calibrationFromPit } from './calibration-curve.js';
import { regressionPit } from './regression-pass.js';

export const CALIBRATION = 'calibration';

/** Definition text shared by the Gaussian, mixture and replica calibration metrics. */
export const CALIBRATION_DEFINITION =
  'PIT_i = F_i(y_i). Interval curve: c(p) = sum_{|2 PIT - 1| <= p} w / W (fraction inside the central p-interval); '
  + 'quantile curve: c(p) = sum_{PIT <= p} w / W; both at p_j = j/M, j = 1..M-1 (M = grid, default 100). '
  + 'mace = mean_j |c(p_j) - p_j|, rmsce = sqrt(mean_j (c(p_j) - p_j)^2) (Kuleshov et al. 2018; uncertainty-toolbox conventions), '
  + 'miscal_area = integral_0^1 |c(p) - p| dp (trapezoid on the grid); `_pit` names use the quantile curve. '
  + 'Errors: std over Poisson(1) bootstrap replicas. coverage_<level>: sum_{|2 PIT - 1| <= level} w / W, binomial error.';

/** Interval and quantile (PIT) calibration curves of the Gaussian prediction N(mean, sigmaTot^2). */
export function createCalibrationMetric(options: CalibrationOptions = {}): Metric {
  const opts = parseOrThrow(CalibrationOptions, options, { code: 'InvalidArgument', where: 'calibration metric options' });
  return {
    key: CALIBRATION,
    task: 'regression',
    description: 'Calibration curves (interval and quantile/PIT) of the Gaussian prediction: MACE, RMSCE, miscalibration area.',
    definition: `Gaussian F_i = Phi((y - mu_i)/sigmaTot_i). ${CALIBRATION_DEFINITION}`,
    valueNames: ['mace', 'rmsce', 'miscal_area', 'mace_pit', 'rmsce_pit', 'miscal_area_pit'],
    compute(input: MetricInput): MetricOutput {
      const arrays = regressionArrays(CALIBRATION, input);
      // coverage_* already comes from the `coverage` metric; the curve metric keeps to curve summaries
      return calibrationFromPit(regressionPit(arrays), arrays.w, arrays.summary, { ...opts, levels: [] });
    },
  };
}

export const calibrationMetric: Metric = createCalibrationMetric();
