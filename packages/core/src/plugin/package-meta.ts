import { readFileSync } from 'node:fs';
import { HepuqError } from '../errors/hepuq-error.js';
import type { PluginMeta } from './plugin.js';

interface PackageJson {
  name?: unknown;
  version?: unknown;
  peerDependencies?: Record<string, unknown>;
  dependencies?: Record<string, unknown>;
}

/**
 * A plugin's `meta` read from its own package.json, so name, version and the supported core range
 * never drift from what npm publishes: the core range is the `@hepuq/core` entry of
 * `peerDependencies` (else `dependencies`). `moduleUrl` is the calling module's `import.meta.url`;
 * the package.json is looked up one directory above it (`src/x.ts` in the workspace, `dist/x.js`
 * once built), or give `relativePath` for a deeper module.
 * @example
 * const meta = packageMeta(import.meta.url); // { name: '@acme/hepuq-foo', version: '1.2.0', core: '^0.1.0' }
 */
export function packageMeta(moduleUrl: string | URL, relativePath = '../package.json'): PluginMeta {
  const url = new URL(relativePath, moduleUrl);
  let pkg: PackageJson;
  try {
    pkg = JSON.parse(readFileSync(url, 'utf8')) as PackageJson;
  } catch (e) {
    throw new HepuqError('InvalidPlugin', `cannot read the plugin's package.json at ${url.pathname}: ${(e as Error).message}`, {
      hint: 'call packageMeta(import.meta.url) from a module one directory below package.json, or pass the relative path',
    });
  }
  const name = typeof pkg.name === 'string' ? pkg.name : 'unknown';
  const core = pkg.peerDependencies?.['@hepuq/core'] ?? pkg.dependencies?.['@hepuq/core'];
  if (typeof pkg.version !== 'string' || typeof core !== 'string') {
    throw new HepuqError('InvalidPlugin', `${url.pathname} needs "version" and a "@hepuq/core" range in peerDependencies`, {
      plugin: name,
      hint: 'add "peerDependencies": { "@hepuq/core": "^0.1.0" } (the core versions the plugin is tested with)',
    });
  }
  return { name, version: pkg.version, core };
}
