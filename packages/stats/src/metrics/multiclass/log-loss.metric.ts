import type { Metric, MetricInput, MetricOutput } from '@hepuq/core';
import { weightedMean } from '../../weighted/weighted-stats.js';
import { multiclassArrays } from '../metric-input.js';

export const LOG_LOSS = 'log-loss';

/** The probability of the true class is floored at LOG_LOSS_EPS before the log (-log 1e-15 = 34.5). */
export const LOG_LOSS_EPS = 1e-15;

/**
 * Categorical cross-entropy -log max(p_y, EPS) of each event (the multiclass negative log-likelihood).
 * @example logLossScores([Float32Array.of(0.25), Float32Array.of(0.75)], Float32Array.of(1)) // [0.2877]
 */
export function logLossScores(probs: readonly Float32Array[], label: Float32Array): Float64Array {
  return Float64Array.from(label, (y, i) => -Math.log(Math.max(probs[y][i], LOG_LOSS_EPS)));
}

/** Mean categorical cross-entropy, natural log (lower is better). */
export const logLossMetric: Metric = {
  key: LOG_LOSS,
  task: 'multiclass',
  description: 'Log loss (categorical cross-entropy): weighted mean of -log p_y, natural log (lower is better).',
  definition: `log_loss = -sum w log max(p_y, ${LOG_LOSS_EPS}) / W, p_y the probability given to the true class; error s/sqrt(Neff).`,
  valueNames: ['log_loss'],
  compute(input: MetricInput): MetricOutput {
    const { probs, label, w, summary } = multiclassArrays(LOG_LOSS, input);
    return { values: { log_loss: weightedMean(logLossScores(probs, label), w, summary) } };
  },
};
