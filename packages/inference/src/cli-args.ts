import { readFile } from 'node:fs/promises';
import { HepuqError, type CommandOption } from '@hepuq/core';
import { linspace } from './profile-scan.js';

/** Options every inference command accepts (model construction and fit overrides). */
export const MODEL_OPTIONS: readonly CommandOption[] = [
  { flags: '--measurement <name>', description: 'measurement to use (default: the first in the workspace)' },
  { flags: '--normsys <code>', description: 'normsys interpolation: code4 (default), code1 (exponential), code0 (linear)' },
  { flags: '--histosys <code>', description: 'histosys interpolation: code4p (default), code0 (piecewise linear)' },
  { flags: '--fix <name=value,...>', description: 'fix parameters at values, e.g. lumi=1,alpha_jes=0' },
  { flags: '--bounds <name=lo:hi,...>', description: 'override parameter bounds, e.g. mu=-10:10' },
];

/** A finite number from a CLI flag, or InvalidArgument naming the flag. */
export function parseNumberArg(flag: string, value: unknown): number {
  const v = typeof value === 'number' ? value : Number(String(value).trim());
  if (value === undefined || value === '' || !Number.isFinite(v)) throw new HepuqError('InvalidArgument', `${flag}: expected a number, got "${String(value)}"`);
  return v;
}

/** `lo:hi:n` -> n evenly spaced values from lo to hi. */
export function parseRangeArg(flag: string, value: unknown): number[] {
  const parts = String(value ?? '').split(':');
  if (parts.length !== 3) throw new HepuqError('InvalidArgument', `${flag}: expected lo:hi:n (e.g. 0:3:31), got "${String(value)}"`);
  const [lo, hi, n] = parts.map((p) => parseNumberArg(flag, p));
  if (!(hi > lo)) throw new HepuqError('InvalidArgument', `${flag}: hi (${hi}) must exceed lo (${lo})`);
  return linspace(lo, hi, n);
}

/** `a=1,b=2` -> { a: 1, b: 2 }. */
export function parseAssignmentsArg(flag: string, value: unknown): Record<string, number> | undefined {
  if (value === undefined) return undefined;
  const out: Record<string, number> = {};
  for (const item of String(value).split(',').filter(Boolean)) {
    const eq = item.lastIndexOf('=');
    if (eq <= 0) throw new HepuqError('InvalidArgument', `${flag}: expected name=value, got "${item}"`);
    out[item.slice(0, eq)] = parseNumberArg(flag, item.slice(eq + 1));
  }
  return out;
}

/** `mu=-10:10,b=0:5` -> { mu: [-10, 10], b: [0, 5] }. */
export function parseBoundsArg(flag: string, value: unknown): Record<string, [number, number]> | undefined {
  if (value === undefined) return undefined;
  const out: Record<string, [number, number]> = {};
  for (const item of String(value).split(',').filter(Boolean)) {
    const eq = item.indexOf('=');
    const range = item.slice(eq + 1).split(':');
    if (eq <= 0 || range.length !== 2) throw new HepuqError('InvalidArgument', `${flag}: expected name=lo:hi, got "${item}"`);
    out[item.slice(0, eq)] = [parseNumberArg(flag, range[0]), parseNumberArg(flag, range[1])];
  }
  return out;
}

/** Read and JSON-parse a workspace file (FileUnreadable / ParseError name the file). */
export async function readWorkspaceFile(path: string | undefined): Promise<unknown> {
  if (!path) throw new HepuqError('InvalidArgument', 'missing argument <workspace>: the path of a pyhf JSON workspace');
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (e) {
    throw new HepuqError('FileUnreadable', `cannot read workspace ${path}: ${(e as Error).message}`, { cause: e });
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (e) {
    throw new HepuqError('ParseError', `workspace ${path} is not valid JSON: ${(e as Error).message}`, { cause: e });
  }
}

/** The model-related inputs of a procedure from a command's positional workspace and its options. */
export async function modelInputFromCli(args: string[], options: Record<string, unknown>): Promise<Record<string, unknown>> {
  const path = args[0];
  const input: Record<string, unknown> = { workspace: await readWorkspaceFile(path), source: path };
  if (options.measurement !== undefined) input.measurement = String(options.measurement);
  if (options.normsys !== undefined) input.normsys = String(options.normsys);
  if (options.histosys !== undefined) input.histosys = String(options.histosys);
  const fixed = parseAssignmentsArg('--fix', options.fix);
  if (fixed) input.fixed = fixed;
  const bounds = parseBoundsArg('--bounds', options.bounds);
  if (bounds) input.bounds = bounds;
  return input;
}

/** Format a number for the human-readable output. */
export function fmt(v: number | null | undefined, digits = 5): string {
  return v === null || v === undefined || !Number.isFinite(v) ? 'n/a' : Number(v.toPrecision(digits)).toString();
}
