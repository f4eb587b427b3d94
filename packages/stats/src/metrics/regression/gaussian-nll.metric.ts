import { meanValue } from '../../weighted/weighted-stats.js';
import type { Metric, MetricInput, MetricOutput } from '@hepuq/core';
import { regressionArrays } from '../metric-input.js';
import { regressionMoments } from './regression-pass.js';

export const GAUSSIAN_NLL = 'gaussian-nll';

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
    const arrays = regressionArrays(GAUSSIAN_NLL, input);
    const { nll } = regressionMoments(arrays);
    return { values: { nll: meanValue(nll.mean, nll.m2, arrays.summary) } };
  },
};
