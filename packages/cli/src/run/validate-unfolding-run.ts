import { HepuqError, parseOrThrow, type HepuqApp, type UnfoldingMethod, type UnfoldingStep } from '@hepuq/core';
import type { UnfoldingRunConfig } from './run-config.js';
import { checkToy } from './validate-run-config.js';

/** An unfolding run's method, steps and option blocks, checked before anything runs. */
export interface CheckedUnfoldingRun {
  method: UnfoldingMethod;
  options: unknown;
  steps: { step: UnfoldingStep; options: unknown }[];
}

/**
 * Check an unfolding run against the app before any work: the method among the unfolding methods
 * (with a hint when it is a fit-and-predict method), its options (and the registry keys inside
 * them, e.g. its classifier), the toys' options, the executor key, and every step among the
 * unfolding steps with its options. Keys that only fit-and-predict runs use are rejected.
 */
export function validateUnfoldingRun(app: HepuqApp, config: UnfoldingRunConfig): CheckedUnfoldingRun {
  const key = config.method.use;
  if (!app.registries.unfoldingMethods.has(key) && app.registries.methods.has(key)) {
    throw new HepuqError('InvalidConfig', `method "${key}" fits and predicts; \`data: { sim, data }\` needs an unfolding method`, {
      hint: `Use an unfolding method (${app.registries.unfoldingMethods.keys().join(', ') || 'load @hepuq/plugin-omnifold'}), or give data.train for "${key}".`,
    });
  }
  const method = app.registries.unfoldingMethods.get(key);
  const options = parseOrThrow(method.options, config.method.options, { code: 'InvalidConfig', where: `method "${method.key}"`, path: 'method.options' });
  method.validate?.(options, app.registries.methods);
  checkToy(app, config.data.sim, 'data.sim');
  checkToy(app, config.data.data, 'data.data');
  for (const [key, used] of Object.entries({ metrics: config.metrics, recalibration: config.recalibration, samples: config.samples, replicas: config.replicas || undefined })) {
    if (used !== undefined) throw new HepuqError('InvalidConfig', `${key}: an unfolding run has no predictions to ${key === 'samples' ? 'sample' : 'score'}`, { hint: `Drop \`${key}:\`; an unfolding method reports its own diagnostics and uncertainties.` });
  }
  if (config.executor) app.registries.executors.get(config.executor.use);
  const steps = config.steps.map((s, i) => {
    if (!app.registries.unfoldingSteps.has(s.use) && app.registries.steps.has(s.use)) {
      throw new HepuqError('InvalidConfig', `steps[${i}]: step "${s.use}" follows fit-and-predict runs, not unfolding runs`, { hint: `Unfolding steps: ${app.registries.unfoldingSteps.keys().join(', ') || '(none loaded)'}.` });
    }
    const step = app.registries.unfoldingSteps.get(s.use);
    return { step, options: parseOrThrow(step.options, s.options, { code: 'InvalidConfig', where: `step "${step.key}"`, path: `steps[${i}].options` }) };
  });
  return { method, options, steps };
}
