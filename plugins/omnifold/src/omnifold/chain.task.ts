import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { CORE_PLUGIN_NAME, createHepuq, EventBus, HepuqError, Rng, type HepuqPlugin, type TaskContext, type UnfoldingProblem } from '@hepuq/core';
import { omnifoldChain, type ChainResult, type ChainSettings, type ChainWeights } from './omnifold-chain.js';
import { sampleViews } from './sample-views.js';

/** One OmniFold run as an executor task: structured-cloneable, so it crosses worker and process boundaries. */
export interface ChainTaskInput {
  problem: UnfoldingProblem;
  weights: ChainWeights;
  /**
   * The classification method by registry key, the package that registers it (and where the planning
   * process found that package, for workers that cannot resolve it by name), and its parsed options.
   */
  classifier: { key: string; owner: string; ownerUrl?: string; options: unknown };
  settings: ChainSettings;
  /** Seed of the run's classifiers (initialisation, batches). */
  seed: number;
  /** The tensor backend of the app that planned the run, so every run computes alike. */
  backend: string;
}

/**
 * Executor task: one OmniFold run in a fresh app holding the classifier's plugin (loaded by package
 * name with its default options), so any classification method in a registry can train in a worker.
 * Everything random comes in `input`, so a retry repeats the same run exactly.
 * @example await executor.map([{ module: CHAIN_TASK_MODULE, export: 'runChain', input }])
 */
export async function runChain(input: ChainTaskInput, _ctx?: TaskContext): Promise<ChainResult> {
  const { owner, ownerUrl } = input.classifier;
  const plugins = owner === CORE_PLUGIN_NAME ? [] : [await loadPlugin(owner, ownerUrl)];
  const app = await createHepuq({ plugins, backend: input.backend });
  try {
    const method = app.registries.methods.get(input.classifier.key);
    return await omnifoldChain(sampleViews(input.problem), input.weights, { method, options: input.classifier.options }, input.settings, { rng: new Rng(input.seed), events: new EventBus() });
  } finally {
    app.dispose();
  }
}

async function loadPlugin(name: string, url: string | undefined): Promise<HepuqPlugin> {
  const mod = (await import(name).catch((e: unknown) => {
    if (url) return import(url);
    throw e;
  })) as { default?: (options?: unknown) => HepuqPlugin };
  if (typeof mod.default !== 'function') {
    throw new HepuqError('PluginLoadFailed', `${name} has no default export making a plugin, so an executor task cannot load its classifier`, { plugin: name });
  }
  return mod.default();
}

/**
 * Where the package `name` is installed, seen from this plugin and then from the working directory
 * (a project that installs its plugins beside the CLI); undefined when neither finds it.
 */
export function resolvePluginUrl(name: string): string | undefined {
  for (const base of [import.meta.url, pathToFileURL(join(process.cwd(), 'package.json')).href]) {
    try {
      return pathToFileURL(createRequire(base).resolve(name)).href;
    } catch {
      // not installed where `base` looks
    }
  }
  return undefined;
}

/** URL of this module for executors: the .ts source when running from sources (tests, tsx), the compiled .js from dist. */
export const CHAIN_TASK_MODULE: string = new URL(import.meta.url.endsWith('.ts') ? './chain.task.ts' : './chain.task.js', import.meta.url).href;
