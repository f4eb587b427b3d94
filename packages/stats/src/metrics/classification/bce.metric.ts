import { meanValue } from '../../weighted/weighted-stats.js';
import type { Metric, MetricInput, MetricOutput } from '@hepuq/core';
import { classificationArrays } from '../metric-input.js';
import { BCE_EPS } from './binary-nll.js';
import { classificationPass } from './classification-pass.js';

export const BCE = 'bce';

/** Mean binary cross-entropy (the classification negative log-likelihood). */
export const bceMetric: Metric = {
  key: BCE,
  task: 'classification',
  description: 'Binary cross-entropy (negative log-likelihood per event, natural log; lower is better).',
  definition: `bce = -sum w [y log p + (1-y) log(1-p)] / W, p clipped to [${BCE_EPS}, 1-${BCE_EPS}]; error s/sqrt(Neff).`,
  valueNames: ['bce'],
  compute(input: MetricInput): MetricOutput {
    const arrays = classificationArrays(BCE, input);
    const { bce } = classificationPass(arrays);
    return { values: { bce: meanValue(bce.mean, bce.m2, arrays.summary) } };
  },
};
