import { weightedMean } from '../../weighted/weighted-stats.js';
import type { Metric, MetricInput, MetricOutput } from '@hepuq/core';
import { classificationArrays } from '../metric-input.js';

export const BCE = 'bce';

/** Probabilities are clipped to [EPS, 1 - EPS] before the log (float32 resolution near 1 is ~6e-8). */
export const BCE_EPS = 1e-7;

/** Binary cross-entropy -[y log p + (1-y) log(1-p)] of one event, p clipped to [EPS, 1-EPS]. */
export function binaryNll(p: number, y: number): number {
  const q = Math.min(Math.max(p, BCE_EPS), 1 - BCE_EPS);
  return y === 1 ? -Math.log(q) : -Math.log1p(-q);
}

/** Mean binary cross-entropy (the classification negative log-likelihood). */
export const bceMetric: Metric = {
  key: BCE,
  task: 'classification',
  description: 'Binary cross-entropy (negative log-likelihood per event, natural log; lower is better).',
  definition: `bce = -sum w [y log p + (1-y) log(1-p)] / W, p clipped to [${BCE_EPS}, 1-${BCE_EPS}]; error s/sqrt(Neff).`,
  valueNames: ['bce'],
  compute(input: MetricInput): MetricOutput {
    const { prob, label, w, summary } = classificationArrays(BCE, input);
    const l = new Float64Array(prob.length);
    for (let i = 0; i < l.length; i++) l[i] = binaryNll(prob[i], label[i]);
    return { values: { bce: weightedMean(l, w, summary) } };
  },
};
