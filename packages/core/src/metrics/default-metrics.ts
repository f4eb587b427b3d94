import { auc } from './classification/auc.metric.js';
import { bceMetric } from './classification/bce.metric.js';
import { brierMetric } from './classification/brier.metric.js';
import { ece } from './classification/ece.metric.js';
import type { Metric } from './metric.js';
import { coverage } from './regression/coverage.metric.js';
import { gaussianNllMetric } from './regression/gaussian-nll.metric.js';
import { pullsMetric } from './regression/pulls.metric.js';
import { rmseMetric } from './regression/rmse.metric.js';

/** Every metric core registers (in registration order). */
export function builtinMetrics(): Metric[] {
  return [
    pullsMetric, coverage, gaussianNllMetric, rmseMetric,
    auc, brierMetric, bceMetric, ece,
  ];
}

const DEFAULTS = {
  regression: ['pulls', 'coverage', 'gaussian-nll', 'rmse'],
  classification: ['auc', 'brier', 'bce', 'ece'],
} as const;

/**
 * The metric keys `hepuq run` computes by default for a task.
 * @example defaultMetricKeys('regression') // ['pulls', 'coverage', 'gaussian-nll', 'rmse', ...]
 */
export function defaultMetricKeys(task: 'regression' | 'classification'): string[] {
  return [...DEFAULTS[task]];
}
