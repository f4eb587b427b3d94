import { meanValue } from '../../weighted/weighted-stats.js';
import type { Metric, MetricInput, MetricOutput } from '@hepuq/core';
import { regressionArrays } from '../metric-input.js';
import { regressionMoments } from './regression-pass.js';

export const RMSE = 'rmse';

/** Root-mean-square and mean absolute error of the predicted mean. */
export const rmseMetric: Metric = {
  key: RMSE,
  task: 'regression',
  description: 'Root-mean-square and mean absolute error of the predicted mean.',
  definition:
    'rmse = sqrt(sum w (mu - y)^2 / W), error = err(MSE)/(2 rmse) with err(MSE) = s/sqrt(Neff) (delta method); '
    + 'mae = sum w |mu - y| / W, error s/sqrt(Neff).',
  valueNames: ['rmse', 'mae'],
  compute(input: MetricInput): MetricOutput {
    const arrays = regressionArrays(RMSE, input);
    const { summary } = arrays;
    const { sq, abs } = regressionMoments(arrays);
    const mse = meanValue(sq.mean, sq.m2, summary);
    const rmse = Math.sqrt(Math.max(mse.value, 0));
    return {
      values: {
        rmse: { value: rmse, error: rmse > 0 ? (mse.error ?? 0) / (2 * rmse) : 0 },
        mae: meanValue(abs.mean, abs.m2, summary),
      },
    };
  },
};
