import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createHepuq } from '../app/hepuq-app.js';
import { CORE_PLUGIN_NAME } from '../core.plugin.js';
import { HepuqError } from '../errors/hepuq-error.js';
import type { UQMethod } from '../method/uq-method.js';
import type { HepuqPlugin } from '../plugin/plugin.js';
import type { Registry } from '../registry/registry.js';

/**
 * A registry method as an executor task can carry it across a worker, process or machine boundary:
 * its key, the package that registers it (and where the planning process found that package, for
 * workers that cannot resolve it by name) and its parsed options.
 */
export interface MethodRef {
  key: string;
  owner: string;
  ownerUrl?: string;
  options: unknown;
}

/**
 * The reference of the registered method `key` with `options`, for a task input. `from` is an extra
 * place to resolve the owning package from (a plugin passes its `import.meta.url`).
 * @example const classifier = methodRef(ctx.methods, 'mlp-classifier', options, import.meta.url)
 */
export function methodRef(methods: Registry<UQMethod>, key: string, options: unknown, from?: string): MethodRef {
  const owner = methods.entries().find((e) => e.key === key)?.owner;
  if (!owner) throw new HepuqError('InternalError', `method "${key}" has no owning plugin in the methods registry, so an executor task cannot load it`);
  return { key, owner, ownerUrl: owner === CORE_PLUGIN_NAME ? undefined : resolvePluginUrl(owner, from), options };
}

/**
 * Run `fn` with the method of `ref` in a fresh app on `backend` holding only the method's plugin
 * (loaded by package name, with its default options); the app is disposed afterwards. What a task
 * function does to train a registry method in a worker.
 * @example return withMethodApp(input.classifier, input.backend, (method) => method.fit(data, input.classifier.options, ctx))
 */
export async function withMethodApp<T>(ref: MethodRef, backend: string, fn: (method: UQMethod) => Promise<T>): Promise<T> {
  const plugins = ref.owner === CORE_PLUGIN_NAME ? [] : [await loadPlugin(ref.owner, ref.ownerUrl)];
  const app = await createHepuq({ plugins, backend });
  try {
    return await fn(app.registries.methods.get(ref.key));
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
    throw new HepuqError('PluginLoadFailed', `${name} has no default export making a plugin, so an executor task cannot load its method`, { plugin: name });
  }
  return mod.default();
}

/**
 * Where the package `name` is installed, seen from `from`, from this package and from the working
 * directory (a project that installs its plugins beside the CLI); undefined when none finds it.
 */
export function resolvePluginUrl(name: string, from?: string): string | undefined {
  const bases = [from, import.meta.url, pathToFileURL(join(process.cwd(), 'package.json')).href].filter((b): b is string => b !== undefined);
  for (const base of bases) {
    try {
      return pathToFileURL(createRequire(base).resolve(name)).href;
    } catch {
      // not installed where `base` looks
    }
  }
  return undefined;
}
