import { describeZodError, HepuqError, type HepuqApp, type RunStep, type TaskKind, type UQMethod } from '@hepuq/core';
import type { DataSource, RunConfig } from './run-config.js';

/** The kind of prediction a task's methods return (generators predict densities, a regression). */
const PREDICTION_KIND: Record<TaskKind, 'regression' | 'classification'> = { regression: 'regression', classification: 'classification', generation: 'regression' };

/**
 * Check every registry key and option block of a config against the app before anything runs:
 * method and its options, toys and their options, metrics against the method's task,
 * recalibration key, task and options, executor key, and every step's key, task and options.
 * Returns the method, the steps and every option block parsed.
 */
export function validateRunConfig(app: HepuqApp, config: RunConfig): { method: UQMethod; options: unknown; recalibrationOptions?: unknown; steps: CheckedStep[] } {
  const method = app.registries.methods.get(config.method.use);
  const parsed = method.options.safeParse(config.method.options);
  if (!parsed.success) throw new HepuqError('InvalidConfig', `method "${method.key}": ${describeZodError(parsed.error, 'method.options')}`);
  for (const [role, source] of Object.entries({ train: config.data.train, test: config.data.test })) {
    if (source) checkToy(app, source, `data.${role}`);
  }
  const kind = PREDICTION_KIND[method.task];
  for (const key of config.metrics ?? []) {
    const metric = app.registries.metrics.get(key);
    if (metric.task !== kind) {
      throw new HepuqError('InvalidConfig', `metrics: "${key}" is a ${metric.task} metric, but method "${method.key}" predicts ${kind}`, {
        hint: `List only ${kind} metrics (\`hepuq plugins\` shows every metric key), or drop \`metrics:\` for the task's default set.`,
      });
    }
  }
  if (config.executor) app.registries.executors.get(config.executor.use);
  const steps = config.steps.map((step, i) => checkStep(app, step, `steps[${i}]`, method));
  return { method, options: parsed.data, recalibrationOptions: config.recalibration && checkRecalibration(app, config.recalibration, kind), steps };
}

/** A run step with its options parsed by the step's own schema (and its task checked). */
export interface CheckedStep {
  step: RunStep;
  options: unknown;
}

function checkStep(app: HepuqApp, config: RunConfig['steps'][number], path: string, method: UQMethod): CheckedStep {
  const step = app.registries.steps.get(config.use);
  if (step.tasks && !step.tasks.includes(method.task)) {
    throw new HepuqError('InvalidConfig', `${path}: step "${step.key}" follows ${step.tasks.join(' or ')} runs, but method "${method.key}" is ${method.task}`);
  }
  const parsed = step.options.safeParse(config.options);
  if (!parsed.success) throw new HepuqError('InvalidConfig', `step "${step.key}": ${describeZodError(parsed.error, `${path}.options`)}`);
  return { step, options: parsed.data };
}

function checkRecalibration(app: HepuqApp, config: NonNullable<RunConfig['recalibration']>, kind: 'regression' | 'classification'): unknown {
  const recalibration = app.registries.recalibrations.get(config.use);
  if (recalibration.task !== kind) {
    throw new HepuqError('InvalidConfig', `recalibration "${config.use}" is for ${recalibration.task}, but the method predicts ${kind}`);
  }
  const parsed = recalibration.options.safeParse(config.options);
  if (!parsed.success) throw new HepuqError('InvalidConfig', `recalibration "${config.use}": ${describeZodError(parsed.error, 'recalibration.options')}`);
  return parsed.data;
}

function checkToy(app: HepuqApp, source: DataSource, path: string): void {
  if (!('toy' in source)) return;
  const parsed = app.registries.toys.get(source.toy).options.safeParse(source.options);
  if (!parsed.success) throw new HepuqError('InvalidConfig', `toy "${source.toy}": ${describeZodError(parsed.error, `${path}.options`)}`);
}
