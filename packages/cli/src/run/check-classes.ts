import { HepuqError, type Dataset, type HepuqApp, type PredictionKind } from '@hepuq/core';
import type { RunConfig } from './run-config.js';
import { metricKey } from './run-metrics.js';

/**
 * The number of classes a classification run trains: the method's `classes` option (a number or the
 * class names) when it has one, else the largest training label + 1 (at least 2).
 */
export function runClassCount(methodOptions: unknown, train: Dataset): number {
  const declared = (methodOptions as { classes?: unknown } | undefined)?.classes;
  if (typeof declared === 'number') return declared;
  if (Array.isArray(declared)) return declared.length;
  let max = 0;
  for (const y of train.label ?? []) if (y > max) max = y;
  return Math.max(2, max + 1);
}

/**
 * Before training a classifier: the prediction kind it will give (K >= 3: `multiclass`) must suit the
 * listed metrics and the recalibration (binary only), and the training and test labels must be
 * class indices 0..K-1, so that nothing fails after the fit.
 */
export function checkClassificationRun(app: HepuqApp, config: RunConfig, methodOptions: unknown, train: Dataset, test: Dataset): void {
  const k = runClassCount(methodOptions, train);
  const kind: PredictionKind = k > 2 ? 'multiclass' : 'classification';
  const what = k > 2 ? `${k}-class probabilities (multiclass)` : 'binary probabilities (classification)';
  for (const key of (config.metrics ?? []).map(metricKey)) {
    const metric = app.registries.metrics.get(key);
    if (metric.task !== kind) {
      throw new HepuqError('InvalidConfig', `metrics: "${key}" is a ${metric.task} metric, but this run predicts ${what}`, {
        hint: `List only ${kind} metrics (\`hepuq plugins\` shows every metric key), or drop \`metrics:\` for the default set.`,
      });
    }
  }
  if (config.recalibration && kind === 'multiclass') {
    throw new HepuqError('InvalidConfig', `recalibration "${config.recalibration.use}" recalibrates binary classifiers, but this run predicts ${what}`, {
      hint: 'No recalibration method takes K-class probabilities yet: drop `recalibration:` for this run.',
    });
  }
  for (const [role, data] of [['train', train], ['test', test]] as const) {
    const label = data.label;
    const bad = label?.findIndex((y) => !(Number.isInteger(y) && y >= 0 && y < k)) ?? -1;
    if (bad >= 0) {
      throw new HepuqError('InvalidConfig', `data.${role}: label "${data.labelName}" is ${label![bad]} in row ${bad + 1}, expected an integer 0..${k - 1} (${k} classes)`, {
        hint: 'Labels are class indices 0..K-1: give every set the same classes, or set the method option `classes` to the number of classes.',
      });
    }
  }
}
