import type { Metric, MetricInput, MetricOutput } from '@hepuq/core';
import { binomialFraction } from '../../weighted/weighted-stats.js';
import { multiclassArrays } from '../metric-input.js';
import { multiclassTopLabel } from './top-label.js';

export const MULTICLASS_ACCURACY = 'multiclass-accuracy';

/** Weighted top-1 accuracy sum_{argmax p = y} w / W with the binomial error sqrt(a (1-a) / Neff). */
export const multiclassAccuracyMetric: Metric = {
  key: MULTICLASS_ACCURACY,
  task: 'multiclass',
  description: 'Accuracy of a K-class classifier: weighted fraction of events whose most probable class is the label.',
  definition: 'accuracy = sum w 1[argmax_k p_k = y] / W (ties go to the lowest class index); binomial error sqrt(a (1-a) / Neff).',
  valueNames: ['accuracy'],
  compute(input: MetricInput): MetricOutput {
    const { probs, label, w, summary } = multiclassArrays(MULTICLASS_ACCURACY, input);
    const { correct } = multiclassTopLabel(probs, label);
    let pass = 0;
    for (let i = 0; i < correct.length; i++) pass += w[i] * correct[i];
    return { values: { accuracy: binomialFraction(pass, summary) } };
  },
};
