import { DefaultExecutorToken, type Executor, type ExecutorFactory, type HepuqApp } from '@hepuq/core';
import type { RunConfig } from './run-config.js';

/**
 * The run's executor: the config's `executor:`, else the app's `DefaultExecutorToken` when a plugin
 * provides one, else none (methods train in-process). The caller disposes it.
 */
export function runExecutor(app: HepuqApp, config: Pick<RunConfig, 'executor'>): Executor | undefined {
  const factory: ExecutorFactory | undefined = config.executor
    ? app.registries.executors.get(config.executor.use)
    : app.services.has(DefaultExecutorToken) ? app.services.resolve(DefaultExecutorToken) : undefined;
  return factory?.create(config.executor?.options ?? {}, { events: app.events, seed: app.rng.fork('executor').nextSeed() });
}
