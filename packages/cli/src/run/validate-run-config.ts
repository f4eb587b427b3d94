import { HepuqError, parseOrThrow, type DataSource, type HepuqApp, type Metric, type PredictionKind, type RunStep, type TaskKind, type UQMethod } from '@hepuq/core';
import type { RunConfig } from './run-config.js';
import { configuredMetrics } from './run-metrics.js';

/** The kind of prediction a task's methods return (generators predict densities, a regression). */
const PREDICTION_KIND: Record<TaskKind, 'regression' | 'classification'> = { regression: 'regression', classification: 'classification', generation: 'regression' };

/** The metric tasks a method's prediction may have: a classifier predicts `multiclass` for K >= 3 classes. */
const METRIC_KINDS: Record<TaskKind, PredictionKind[]> = { regression: ['regression'], classification: ['classification', 'multiclass'], generation: ['regression'] };

/**
 * Check every registry key and option block of a config against the app before anything runs:
 * method and its options, toys and their options, metrics (and their options) against the method's task,
 * recalibration key, task and options, executor key, and every step's key, task and options.
 * Returns the method, the steps, the configured metrics and every option block parsed.
 */
export function validateRunConfig(app: HepuqApp, config: RunConfig): { method: UQMethod; options: unknown; recalibrationOptions?: unknown; steps: CheckedStep[]; metrics?: Metric[] } {
  if (!app.registries.methods.has(config.method.use) && app.registries.unfoldingMethods.has(config.method.use)) {
    throw new HepuqError('InvalidConfig', `data: method "${config.method.use}" is an unfolding method, so the run needs \`data: { sim, data }\``, {
      hint: 'Give the simulation (gen and reco columns) as data.sim and the measured events as data.data (docs/run-config.md).',
    });
  }
  const method = app.registries.methods.get(config.method.use);
  const options = parseOrThrow(method.options, config.method.options, { code: 'InvalidConfig', where: `method "${method.key}"`, path: 'method.options' });
  for (const [role, source] of Object.entries({ train: config.data.train, test: config.data.test })) {
    if (source) checkToy(app, source, `data.${role}`);
  }
  if (config.data.sim) {
    throw new HepuqError('InvalidConfig', `data: method "${method.key}" fits and predicts, but the data is an unfolding problem { sim, data }`, {
      hint: 'Give data.train (and data.test), or use an unfolding method such as omnifold (`hepuq plugins` lists them).',
    });
  }
  const kind = PREDICTION_KIND[method.task];
  const kinds = METRIC_KINDS[method.task];
  const metrics = configuredMetrics(app, config.metrics);
  for (const metric of metrics ?? []) {
    if (!kinds.includes(metric.task)) {
      throw new HepuqError('InvalidConfig', `metrics: "${metric.key}" is a ${metric.task} metric, but method "${method.key}" predicts ${kinds.join(' or ')}`, {
        hint: `List only ${kinds.join(' or ')} metrics (\`hepuq plugins\` shows every metric key), or drop \`metrics:\` for the task's default set.`,
      });
    }
  }
  if (config.executor) app.registries.executors.get(config.executor.use);
  const steps = config.steps.map((step, i) => checkStep(app, step, `steps[${i}]`, method, options));
  return { method, options, recalibrationOptions: config.recalibration && checkRecalibration(app, config.recalibration, kind), steps, metrics };
}

/** A run step with its options parsed by the step's own schema (and its task checked). */
export interface CheckedStep {
  step: RunStep;
  options: unknown;
}

function checkStep(app: HepuqApp, config: RunConfig['steps'][number], path: string, method: UQMethod, methodOptions: unknown): CheckedStep {
  const step = app.registries.steps.get(config.use);
  if (step.tasks && !step.tasks.includes(method.task)) {
    throw new HepuqError('InvalidConfig', `${path}: step "${step.key}" follows ${step.tasks.join(' or ')} runs, but method "${method.key}" is ${method.task}`);
  }
  const options = parseOrThrow(step.options, config.options, { code: 'InvalidConfig', where: `step "${step.key}"`, path: `${path}.options` });
  step.check?.({ options, method, methodOptions, methods: app.registries.methods });
  return { step, options };
}

function checkRecalibration(app: HepuqApp, config: NonNullable<RunConfig['recalibration']>, kind: 'regression' | 'classification'): unknown {
  const recalibration = app.registries.recalibrations.get(config.use);
  if (recalibration.task !== kind) {
    throw new HepuqError('InvalidConfig', `recalibration "${config.use}" is for ${recalibration.task}, but the method predicts ${kind}`);
  }
  return parseOrThrow(recalibration.options, config.options, { code: 'InvalidConfig', where: `recalibration "${config.use}"`, path: 'recalibration.options' });
}

/** A toy source's options, checked by the toy's own schema. */
export function checkToy(app: HepuqApp, source: Pick<DataSource, 'options'> & { toy?: string }, path: string): void {
  if (source.toy === undefined) return;
  parseOrThrow(app.registries.toys.get(source.toy).options, source.options, { code: 'InvalidConfig', where: `toy "${source.toy}"`, path: `${path}.options` });
}
