import { HepuqError, type HepuqPlugin } from '@hepuq/core';
import type { PluginRef } from './run/run-config.js';

/**
 * First-party plugins loaded by default when installed (the CLI never scans node_modules: a plugin
 * is found only here or through the run config's `plugins:`). Missing optional ones are skipped.
 */
export const DEFAULT_PLUGINS: readonly { name: string; required: boolean }[] = [
  { name: '@hepuq/nn', required: true },
  { name: '@hepuq/stats', required: true },
  { name: '@hepuq/inference', required: true },
  { name: '@hepuq/datasets', required: true },
  { name: '@hepuq/io', required: true },
  { name: '@hepuq/report', required: true },
  { name: '@hepuq/plugin-bnn', required: false },
  { name: '@hepuq/plugin-ensembles', required: false },
  { name: '@hepuq/plugin-calogan-eval', required: false },
  { name: '@hepuq/plugin-scale-uncertainty', required: false },
];

type Factory = (options?: unknown) => HepuqPlugin;

/** Import a plugin package and call its factory (default export, else the only exported function). */
export async function resolvePlugin(ref: PluginRef, optional = false): Promise<HepuqPlugin | undefined> {
  const name = typeof ref === 'string' ? ref : ref.name;
  const options = typeof ref === 'string' ? {} : ref.options;
  let mod: Record<string, unknown>;
  try {
    mod = (await import(name)) as Record<string, unknown>;
  } catch (e) {
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

/** The default set plus the config's plugins, de-duplicated by name (config options win). */
export async function resolvePlugins(refs: readonly PluginRef[]): Promise<HepuqPlugin[]> {
  const byName = new Map<string, PluginRef>(refs.map((r) => [typeof r === 'string' ? r : r.name, r]));
  const plugins: HepuqPlugin[] = [];
  for (const { name, required } of DEFAULT_PLUGINS) {
    const plugin = await resolvePlugin(byName.get(name) ?? name, !required && !byName.has(name));
    byName.delete(name);
    if (plugin) plugins.push(plugin);
  }
  for (const ref of byName.values()) plugins.push((await resolvePlugin(ref))!);
  return plugins;
}
