import { meanValue } from '../../weighted/weighted-stats.js';
import type { Metric, MetricInput, MetricOutput } from '@hepuq/core';
import { regressionArrays } from '../metric-input.js';
import { regressionMoments } from './regression-pass.js';

export const SHARPNESS = 'sharpness';

/** Sharpness: RMS predicted sigma (uncertainty-toolbox convention), and the mean sigma. */
export const sharpnessMetric: Metric = {
  key: SHARPNESS,
  task: 'regression',
  description: 'Sharpness: root-mean-square predicted sigmaTot (smaller is sharper; judge it only together with calibrationMetric).',
  definition:
    'sharpness = sqrt(sum w sigmaTot^2 / W) (Kuleshov et al. 2018 sharpness var(F) = mean sigma^2, reported as its square root like uncertainty-toolbox), '
    + 'error err(mean sigma^2)/(2 sharpness); sigma_mean = sum w sigmaTot / W with error s/sqrt(Neff).',
  valueNames: ['sharpness', 'sigma_mean'],
  compute(input: MetricInput): MetricOutput {
    const arrays = regressionArrays(SHARPNESS, input);
    const { summary } = arrays;
    const { sigma, sigma2 } = regressionMoments(arrays);
    const ms = meanValue(sigma2.mean, sigma2.m2, summary);
    const sharp = Math.sqrt(Math.max(ms.value, 0));
    return { values: { sharpness: { value: sharp, error: (ms.error ?? 0) / (2 * sharp) }, sigma_mean: meanValue(sigma.mean, sigma.m2, summary) } };
  },
};
