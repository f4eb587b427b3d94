import { weightedMean } from '../../weighted/weighted-stats.js';
import type { Metric, MetricInput, MetricOutput } from '@hepuq/core';
import { classificationArrays } from '../metric-input.js';

export const BRIER = 'brier';

/** Brier score (mean squared error of the probability) — Brier, Mon. Weather Rev. 78 (1950) 1. */
export const brierMetric: Metric = {
  key: BRIER,
  task: 'classification',
  description: 'Brier score: weighted mean squared difference of probability and label (lower is better).',
  definition: 'brier = sum w (p - y)^2 / W with y in {0, 1} (binary form, range [0, 1]); error s/sqrt(Neff).',
  valueNames: ['brier'],
  compute(input: MetricInput): MetricOutput {
    const { prob, label, w, summary } = classificationArrays(BRIER, input);
    const d = new Float64Array(prob.length);
    for (let i = 0; i < d.length; i++) d[i] = (prob[i] - label[i]) ** 2;
    return { values: { brier: weightedMean(d, w, summary) } };
  },
};
