import { meanValue } from '../../weighted/weighted-stats.js';
import type { Metric, MetricInput, MetricOutput } from '@hepuq/core';
import { classificationArrays } from '../metric-input.js';
import { classificationPass } from './classification-pass.js';

export const BRIER = 'brier';

/** Brier score (mean squared error of the probability) — Brier, Mon. Weather Rev. 78 (1950) 1. */
export const brierMetric: Metric = {
  key: BRIER,
  task: 'classification',
  description: 'Brier score: weighted mean squared difference of probability and label (lower is better).',
  definition: 'brier = sum w (p - y)^2 / W with y in {0, 1} (binary form, range [0, 1]); error s/sqrt(Neff).',
  valueNames: ['brier'],
  compute(input: MetricInput): MetricOutput {
    const arrays = classificationArrays(BRIER, input);
    const { brier } = classificationPass(arrays);
    return { values: { brier: meanValue(brier.mean, brier.m2, arrays.summary) } };
  },
};
