import { describeZodError, HepuqError, type HepuqApp, type UQMethod } from '@hepuq/core';
import type { DataSource, RunConfig } from './run-config.js';

/**
 * Check every registry key and option block of a config against the app before anything runs:
 * method and its options, toys and their options, metric, recalibration, executor and step keys.
 * Returns the method with its parsed options.
 */
export function validateRunConfig(app: HepuqApp, config: RunConfig): { method: UQMethod; options: unknown } {
  const method = app.registries.methods.get(config.method.use);
  const parsed = method.options.safeParse(config.method.options);
  if (!parsed.success) throw new HepuqError('InvalidConfig', `method "${method.key}": ${describeZodError(parsed.error, 'method.options')}`);
  for (const [role, source] of Object.entries({ train: config.data.train, test: config.data.test })) {
    if (source) checkToy(app, source, `data.${role}`);
  }
  for (const key of config.metrics ?? []) app.registries.metrics.get(key);
  if (config.recalibration) app.registries.recalibrations.get(config.recalibration.use);
  if (config.executor) app.registries.executors.get(config.executor.use);
  for (const step of config.steps) app.registries.inference.get(step.use);
  return { method, options: parsed.data };
}

function checkToy(app: HepuqApp, source: DataSource, path: string): void {
  if (!('toy' in source)) return;
  const parsed = app.registries.toys.get(source.toy).options.safeParse(source.options);
  if (!parsed.success) throw new HepuqError('InvalidConfig', `toy "${source.toy}": ${describeZodError(parsed.error, `${path}.options`)}`);
}
