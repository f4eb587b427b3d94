import { weightedMean } from '../../weighted/weighted-stats.js';
import type { Metric, MetricInput, MetricOutput } from '@hepuq/core';
import { regressionArrays } from '../metric-input.js';

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
    const { mean, truth, w, summary } = regressionArrays(RMSE, input);
    const sq = new Float64Array(truth.length);
    const ab = new Float64Array(truth.length);
    for (let i = 0; i < sq.length; i++) {
      const r = mean[i] - truth[i];
      sq[i] = r * r;
      ab[i] = Math.abs(r);
    }
    const mse = weightedMean(sq, w, summary);
    const rmse = Math.sqrt(Math.max(mse.value, 0));
    return {
      values: {
        rmse: { value: rmse, error: rmse > 0 ? (mse.error ?? 0) / (2 * rmse) : 0 },
        mae: weightedMean(ab, w, summary),
      },
    };
  },
};
