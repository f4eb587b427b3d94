import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { HepuqError } from '@hepuq/core';
import { parseRunConfig } from '../run/parse-run-config.js';
import type { RunConfig } from '../run/run-config.js';

/** A saved model as `hepuq predict` and `hepuq export` find it: its directory and, inside a run, the run's config. */
export interface SavedRun {
  /** The directory with model.json and weights.bin. */
  modelDir: string;
  /** The method key model.json names. */
  method: string;
  /** The run directory around it (`<run>/model`), when there is one. */
  runDir?: string;
  /** The run's config from config.resolved.json: the data layout, plugins and replicas. */
  config?: RunConfig;
  /** The seed the run's app had (config.resolved.json's `seed`): predict draws from it as the run did. */
  seed?: number;
}

/**
 * Locate a saved model: `<dir>` holds model.json (a model directory, inside a run or copied out), or
 * `<dir>/model/model.json` (a run directory). Synchronous, because the CLI reads it before it builds
 * its app (the run's plugins and seed). `ModelLoadFailed` when neither holds a model.
 */
export function locateSavedRun(path: string): SavedRun {
  const dir = resolve(path);
  const modelDir = existsSync(join(dir, 'model.json')) ? dir : existsSync(join(dir, 'model', 'model.json')) ? join(dir, 'model') : undefined;
  if (!modelDir) {
    throw new HepuqError('ModelLoadFailed', `${path} is neither a run directory (with model/model.json) nor a model directory (with model.json)`, {
      hint: 'Give the directory `hepuq run` wrote (runs/<name>) or its model/ directory.',
    });
  }
  const method = readJson<{ method?: unknown }>(join(modelDir, 'model.json')).method;
  if (typeof method !== 'string') throw new HepuqError('ModelLoadFailed', `${modelDir}/model.json names no method`);
  const runDir = dirname(modelDir);
  const record = join(runDir, 'config.resolved.json');
  if (!existsSync(record)) return { modelDir, method };
  const resolved = readJson<{ config?: unknown; seed?: unknown }>(record);
  const config = parseRunConfig(resolved.config, record);
  return { modelDir, method, runDir, config, seed: typeof resolved.seed === 'number' ? resolved.seed : config.seed };
}

function readJson<T>(path: string): T {
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as T;
  } catch (e) {
    throw new HepuqError('ModelLoadFailed', `cannot read ${path}: ${(e as Error).message}`);
  }
}
