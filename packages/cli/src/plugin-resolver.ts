import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { HepuqError, type HepuqPlugin } from '@hepuq/core';
import type { PluginRef } from './run/run-config.js';

/**
 * First-party plugins loaded by default when installed (the CLI never scans node_modules: any other
 * plugin is loaded only when named by `--plugin`, `HEPUQ_PLUGINS` or the run config's `plugins:`).
 * Missing optional ones are skipped.
 */
export const DEFAULT_PLUGINS: readonly { name: string; required: boolean }[] = [
  { name: '@hepuq/nn', required: true },
  { name: '@hepuq/stats', required: true },
  { name: '@hepuq/inference', required: true },
  { name: '@hepuq/datasets', required: true },
  { name: '@hepuq/io', required: true },
  { name: '@hepuq/report', required: true },
  { name: '@hepuq/onnx', required: true },
  { name: '@hepuq/plugin-bnn', required: false },
  { name: '@hepuq/plugin-ensembles', required: false },
  { name: '@hepuq/plugin-calogan-eval', required: false },
  { name: '@hepuq/plugin-scale-uncertainty', required: false },
  { name: '@hepuq/plugin-pivot-adversary', required: false },
  { name: '@hepuq/plugin-omnifold', required: false },
  { name: '@hepuq/plugin-cwola', required: false },
  { name: '@hepuq/plugin-numerical-inversion', required: false },
  { name: '@hepuq/executor-bullmq', required: false },
  { name: '@hepuq/executor-slurm', required: false },
];

type Factory = (options?: unknown) => HepuqPlugin;

/**
 * A plugin named by path rather than package name: `./acme-plugin`, `/abs/dir`, `examples/acme`
 * (a slash outside an `@scope/name` package name).
 */
export function isPathRef(name: string): boolean {
  return name.startsWith('.') || isAbsolute(name) || (!name.startsWith('@') && /[\\/]/.test(name));
}

/**
 * The module URL of a plugin: a package name is imported as such (from the CLI's install, else
 * from the working directory's node_modules); a path names the package directory (its package.json
 * `exports`/`main` give the entry) or a module file. Relative paths resolve against `baseDir`.
 */
export function pluginModule(name: string, baseDir: string): string {
  if (!isPathRef(name)) return name;
  const path = resolve(baseDir, name);
  if (!existsSync(path)) {
    throw new HepuqError('PluginLoadFailed', `plugin path ${path} does not exist`, { plugin: name, hint: 'Give the directory holding the plugin package (with its package.json), relative to the working directory or, in a run config, to the config file.' });
  }
  return pathToFileURL(statSync(path).isDirectory() ? packageEntry(path, name) : path).href;
}

function packageEntry(dir: string, name: string): string {
  const manifest = join(dir, 'package.json');
  if (!existsSync(manifest)) throw new HepuqError('PluginLoadFailed', `${dir} has no package.json`, { plugin: name });
  const pkg = JSON.parse(readFileSync(manifest, 'utf8')) as { exports?: unknown; main?: string };
  const root = typeof pkg.exports === 'object' && pkg.exports !== null && '.' in pkg.exports ? (pkg.exports as Record<string, unknown>)['.'] : pkg.exports;
  const entry = conditionTarget(root) ?? pkg.main ?? 'index.js';
  const file = join(dir, entry);
  if (!existsSync(file)) {
    throw new HepuqError('PluginLoadFailed', `the entry ${entry} of the plugin in ${dir} does not exist`, { plugin: name, hint: 'Build the plugin first (npm run build in its directory).' });
  }
  return file;
}

function conditionTarget(target: unknown): string | undefined {
  if (typeof target === 'string') return target;
  if (target === null || typeof target !== 'object') return undefined;
  const t = target as Record<string, unknown>;
  for (const condition of ['import', 'node', 'default']) {
    const found = conditionTarget(t[condition]);
    if (found) return found;
  }
  return undefined;
}

/** Walk up from `dir` to a node_modules holding package `name` (a plugin installed in the user's project). */
function fromProject(name: string, dir: string): string | undefined {
  for (let d = resolve(dir); ; d = dirname(d)) {
    const candidate = join(d, 'node_modules', name);
    if (existsSync(join(candidate, 'package.json'))) return pathToFileURL(packageEntry(candidate, name)).href;
    if (dirname(d) === d) return undefined;
  }
}

/** Import a plugin (package name or directory) and call its factory (default export, else the only exported function). */
export async function resolvePlugin(ref: PluginRef, optional = false, baseDir = process.cwd()): Promise<HepuqPlugin | undefined> {
  const name = typeof ref === 'string' ? ref : ref.name;
  const options = typeof ref === 'string' ? {} : ref.options;
  let mod: Record<string, unknown>;
  try {
    mod = (await importPlugin(name, baseDir)) as Record<string, unknown>;
  } catch (e) {
    if (e instanceof HepuqError) throw e;
    const notFound = (e as NodeJS.ErrnoException).code === 'ERR_MODULE_NOT_FOUND' && String((e as Error).message).includes(name);
    if (optional && notFound) return undefined;
    throw new HepuqError('PluginLoadFailed', `cannot import plugin "${name}": ${(e as Error).message.split('\n')[0]}`, { plugin: name });
  }
  const functions = Object.values(mod).filter((v): v is Factory => typeof v === 'function');
  const factory = (typeof mod.default === 'function' ? mod.default : functions.length === 1 ? functions[0] : undefined) as Factory | undefined;
  if (!factory) {
    throw new HepuqError('InvalidPlugin', `"${name}" has no default-exported plugin factory`, { plugin: name });
  }
  return factory(options);
}

async function importPlugin(name: string, baseDir: string): Promise<unknown> {
  if (isPathRef(name)) return import(pluginModule(name, baseDir));
  try {
    return await import(name);
  } catch (e) {
    const local = (e as NodeJS.ErrnoException).code === 'ERR_MODULE_NOT_FOUND' ? fromProject(name, process.cwd()) : undefined;
    if (!local) throw e;
    return import(local);
  }
}

/** Plugins to load beyond the defaults, with where their relative paths start. */
export interface PluginRequest {
  ref: PluginRef;
  baseDir: string;
}

/** `HEPUQ_PLUGINS`: comma-separated package names or directories (relative to the working directory). */
export function envPlugins(env: NodeJS.ProcessEnv = process.env): string[] {
  return (env.HEPUQ_PLUGINS ?? '').split(',').map((s) => s.trim()).filter(Boolean);
}

/**
 * The default set plus the requested plugins (config, `--plugin`, `HEPUQ_PLUGINS`), de-duplicated by
 * name (a request's options win over the default's).
 */
export async function resolvePlugins(refs: readonly (PluginRef | PluginRequest)[]): Promise<HepuqPlugin[]> {
  const requests = refs.map((r): PluginRequest => (typeof r === 'object' && 'ref' in r ? r : { ref: r, baseDir: process.cwd() }));
  const nameOf = (ref: PluginRef) => (typeof ref === 'string' ? ref : ref.name);
  const byName = new Map<string, PluginRequest>(requests.map((r) => [nameOf(r.ref), r]));
  const plugins: HepuqPlugin[] = [];
  for (const { name, required } of DEFAULT_PLUGINS) {
    const request = byName.get(name);
    const plugin = await resolvePlugin(request?.ref ?? name, !required && !request, request?.baseDir);
    byName.delete(name);
    if (plugin) plugins.push(plugin);
  }
  const seen = new Set(plugins.map((p) => p.meta.name));
  for (const { ref, baseDir } of byName.values()) {
    const plugin = (await resolvePlugin(ref, false, baseDir))!;
    if (seen.has(plugin.meta.name)) continue; // the same package named by path and by name
    seen.add(plugin.meta.name);
    plugins.push(plugin);
  }
  return plugins;
}
