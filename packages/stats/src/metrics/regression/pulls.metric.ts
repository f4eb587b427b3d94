import { stdValue } from '../../weighted/weighted-stats.js';
import type { Metric, MetricInput, MetricOutput } from '@hepuq/core';
import { regressionArrays } from '../metric-input.js';
import { pullDensity } from './pull-histogram.js';
import { regressionMoments } from './regression-pass.js';

export const PULLS = 'pulls';

// the histogram's home is pull-histogram.ts; kept importable from here, where it was defined first
export { pullHistogram } from './pull-histogram.js';

/**
 * Pull statistics, t = (truth - mean) / sigmaTot: weighted mean and standard deviation (Kish-Bessel
 * corrected) with their errors; a calibrated Gaussian prediction has mean 0 and std 1.
 * @example computeMetrics(registries.metrics, input, ['pulls']).pull_std
 */
export const pullsMetric: Metric = {
  key: PULLS,
  task: 'regression',
  description: 'Pull mean and width (calibrated: 0 and 1), with the pull histogram.',
  definition:
    't_i = (y_i - mu_i)/sigmaTot_i. pull_mean = sum w t / W, error sqrt(s^2/Neff); pull_std s = sqrt(Neff/(Neff-1) sum w (t - mean)^2 / W), '
    + 'error sqrt((m4 - m2^2)/Neff)/(2 s) (delta method); W = sum w, Neff = W^2/sum w^2 (Kish).',
  valueNames: ['pull_mean', 'pull_std'],
  compute(input: MetricInput): MetricOutput {
    const arrays = regressionArrays(PULLS, input);
    const { pull, histogram } = regressionMoments(arrays);
    const sd = stdValue(pull.mean, pull.m2, pull.m4, arrays.summary);
    return {
      values: { pull_mean: sd.mean, pull_std: { value: sd.value, error: sd.error } },
      plots: { pullHistogram: pullDensity(histogram.counts, histogram.sumW2, arrays.summary.sumW) },
    };
  },
};
