import { readFile } from 'node:fs/promises';
import { HepuqError, parseOrThrow } from '@hepuq/core';
import { parse as parseYaml } from 'yaml';
import { RunConfig } from './run-config.js';

/**
 * Read and validate a run config (`.yaml`, `.yml` or `.json`). Every problem is a catalog error
 * naming the file and the offending key.
 * @example const config = await readRunConfig('examples/het-regression.yaml')
 */
export async function readRunConfig(path: string): Promise<RunConfig> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (e) {
    throw new HepuqError('FileUnreadable', `cannot read run config ${path}: ${(e as Error).message}`);
  }
  let raw: unknown;
  try {
    raw = path.endsWith('.json') ? JSON.parse(text) : parseYaml(text);
  } catch (e) {
    throw new HepuqError('ParseError', `${path}: ${(e as Error).message.split('\n')[0]}`);
  }
  return parseRunConfig(raw, path);
}

export function parseRunConfig(raw: unknown, source = 'config'): RunConfig {
  return parseOrThrow(RunConfig, raw, { code: 'InvalidConfig', where: source, hint: 'Unknown keys are errors: check spelling against docs/run-config.md.' });
}
