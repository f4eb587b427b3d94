import type { Token } from '../di/token.js';
import type { Events } from '../events/event-bus.js';
import type { Registries, RegistryName } from '../registry/registries.js';
import type { RegisterOptions } from '../registry/registry.js';

export interface PluginMeta {
  /** Package name, e.g. `@hepuq/plugin-bnn` or `acme-hepuq-foo`. Appears in every log line and error. */
  name: string;
  version: string;
  /** Semver range of @hepuq/core this plugin was built for, e.g. `^0.1.0` (read it with `packageMeta`). */
  core: string;
}

type Adder<R extends RegistryName> = {
  add(key: string, value: Parameters<Registries[R]['add']>[1], options?: Omit<RegisterOptions, 'owner'>): void;
};

/**
 * What `register` sees: every registry (entries are attributed to the plugin: errors thrown through
 * them name it, and the events they emit carry it), the plugin's scoped event stream, and `provide`
 * to supply or replace an app service behind a token (`ArtifactStoreToken`, `ReportWriterToken`,
 * `ProgressSinkToken`, `DefaultExecutorToken`, or a token of the plugin's own).
 */
export type PluginContext = { [R in RegistryName]: Adder<R> } & {
  readonly plugin: string;
  readonly events: Events;
  provide<T>(token: Token<T>, value: T): void;
};

/**
 * A hepuq plugin: what a plugin factory returns (as Vite/Rollup plugins are factories returning
 * named objects). Importing a plugin package registers nothing; `register` is called explicitly.
 * @example
 * const meta = packageMeta(import.meta.url);
 * export function myPlugin(options = {}): HepuqPlugin {
 *   const opts = parsePluginOptions(meta.name, schema, options);
 *   return { meta, register(ctx) { ctx.methods.add('acme/foo', makeFoo(opts)); } };
 * }
 */
export interface HepuqPlugin {
  readonly meta: PluginMeta;
  register(ctx: PluginContext): void | Promise<void>;
}
