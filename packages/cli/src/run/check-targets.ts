import { HepuqError, type Dataset, type UQMethod } from '@hepuq/core';
import type { RunConfig } from './run-config.js';

/**
 * Before training on several regression targets: the method must train on all of them
 * (`UQMethod.multiTarget`), no recalibration may be configured (the recalibrations take one target),
 * and the test data, when it has targets, must have the same ones.
 */
export function checkMultiTargetRun(method: UQMethod, config: RunConfig, train: Dataset, test: Dataset): void {
  const names = train.targets.map((t) => t.name);
  const listed = names.join(', ');
  if (!method.multiTarget) {
    throw new HepuqError('InvalidConfig', `data.train has ${names.length} targets (${listed}), but method "${method.key}" predicts one`, {
      hint: 'Give one `target:` column, or use a multi-target method: het-mlp, bnn, mc-dropout or an ensemble.',
    });
  }
  if (config.recalibration) {
    throw new HepuqError('InvalidConfig', `recalibration "${config.recalibration.use}" recalibrates one target, but this run predicts ${names.length} (${listed})`, {
      hint: 'Drop `recalibration:`, or run one recalibrated run per target.',
    });
  }
  const testNames = test.targets.map((t) => t.name);
  if (testNames.length > 0 && testNames.join('\u0000') !== names.join('\u0000')) {
    throw new HepuqError('InvalidConfig', `data.test has targets (${testNames.join(', ')}), but data.train has (${listed})`, {
      hint: 'Name the same `target:` columns, in the same order, for train and test.',
    });
  }
}
