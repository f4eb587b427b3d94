import { weightedMean } from '../../weighted/weighted-stats.js';
import type { Metric, MetricInput, MetricOutput } from '@hepuq/core';
import { regressionArrays } from '../metric-input.js';

export const GAUSSIAN_NLL = 'gaussian-nll';

const HALF_LOG_2PI = 0.5 * Math.log(2 * Math.PI);

/**
 * Mean Gaussian negative log-likelihood per event, including the constant 0.5 log(2 pi).
 */
export const gaussianNllMetric: Metric = {
  key: GAUSSIAN_NLL,
  task: 'regression',
  description: 'Mean Gaussian negative log-likelihood per event (a proper scoring rule; lower is better).',
  definition:
    'nll = sum_i w_i [0.5 log(2 pi) + log sigmaTot_i + 0.5 ((y_i - mu_i)/sigmaTot_i)^2] / W (natural log); error = s/sqrt(Neff) with s the weighted std of the per-event terms.',
  valueNames: ['nll'],
  compute(input: MetricInput): MetricOutput {
    const { mean, sigma, truth, w, summary } = regressionArrays(GAUSSIAN_NLL, input);
    const l = new Float64Array(truth.length);
    for (let i = 0; i < l.length; i++) {
      const t = (truth[i] - mean[i]) / sigma[i];
      l[i] = HALF_LOG_2PI + Math.log(sigma[i]) + 0.5 * t * t;
    }
    return { values: { nll: weightedMean(l, w, summary) } };
  },
};
