import { EventBus, Rng, withMethodApp, type MethodRef, type TaskContext, type UnfoldingProblem, type UQMethod } from '@hepuq/core';
import { omnifoldChain, orDiverged, type ChainResult, type ChainSettings, type ChainWeights } from './omnifold-chain.js';
import { sampleViews } from './sample-views.js';

/** One OmniFold run as an executor task: structured-cloneable, so it crosses worker and process boundaries. */
export interface ChainTaskInput {
  problem: UnfoldingProblem;
  weights: ChainWeights;
  /**
   * The classification method by registry key, the package that registers it (and where the planning
   * process found that package, for workers that cannot resolve it by name), and its parsed options.
   */
  classifier: MethodRef;
  settings: ChainSettings;
  /** Seed of the run's classifiers (initialisation, batches). */
  seed: number;
  /** The tensor backend of the app that planned the run, so every run computes alike. */
  backend: string;
  /** Return a diverged run as `diverged` (`orDiverged`) instead of failing the task: the health check reruns it. */
  reportDivergence?: boolean;
}

/**
 * Executor task: one OmniFold run in a fresh app holding the classifier's plugin (loaded by package
 * name with its default options), so any classification method in a registry can train in a worker.
 * Everything random comes in `input`, so a retry repeats the same run exactly.
 * @example await executor.map([{ module: CHAIN_TASK_MODULE, export: 'runChain', input }])
 */
export async function runChain(input: ChainTaskInput, _ctx?: TaskContext): Promise<ChainResult> {
  return withMethodApp(input.classifier, input.backend, (method) => runChainWith(method, input));
}

/**
 * The run of `input` with `method` as its classifier (what `runChain` does once the worker's app has
 * the method; an executor that brings its own methods calls it directly).
 * @example await runChainWith(app.registries.methods.get(input.classifier.key), input)
 */
export function runChainWith(method: UQMethod, input: ChainTaskInput): Promise<ChainResult> {
  const run = () => omnifoldChain(sampleViews(input.problem), input.weights, { method, options: input.classifier.options }, input.settings, { rng: new Rng(input.seed), events: new EventBus() });
  return input.reportDivergence ? orDiverged(run) : run();
}

/** URL of this module for executors: the .ts source when running from sources (tests, tsx), the compiled .js from dist. */
export const CHAIN_TASK_MODULE: string = new URL(import.meta.url.endsWith('.ts') ? './chain.task.ts' : './chain.task.js', import.meta.url).href;
