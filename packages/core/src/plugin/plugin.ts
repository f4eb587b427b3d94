import type { DependencyContainer } from 'tsyringe';
import type { EventBus } from '../events/event-bus.js';
import type { Registries, RegistryName } from '../registry/registries.js';
import type { RegisterOptions } from '../registry/registry.js';

export interface PluginMeta {
  /** Package name, e.g. `@hepuq/plugin-bnn` or `acme-hepuq-foo`. Appears in every log line and error. */
  name: string;
  version: string;
  /** Semver range of @hepuq/core this plugin was built for, e.g. `^0.1.0`. */
  core: string;
}

type Adder<R extends RegistryName> = {
  add(key: string, value: Parameters<Registries[R]['add']>[1], options?: Omit<RegisterOptions, 'owner'>): void;
};

/** What `register` sees: every registry (entries are attributed to the plugin), the event bus, the container. */
export type PluginContext = { [R in RegistryName]: Adder<R> } & {
  readonly plugin: string;
  readonly events: EventBus;
  readonly container: DependencyContainer;
};

/**
 * A hepuq plugin: what a plugin factory returns (as Vite/Rollup plugins are factories returning
 * named objects). Importing a plugin package registers nothing; `register` is called explicitly.
 * @example
 * export function myPlugin(options = {}): HepuqPlugin {
 *   const opts = parsePluginOptions('acme-hepuq-foo', schema, options);
 *   return { meta: { name: 'acme-hepuq-foo', version: '1.0.0', core: '^0.1.0' },
 *            register(ctx) { ctx.methods.add('acme/foo', makeFoo(opts)); } };
 * }
 */
export interface HepuqPlugin {
  readonly meta: PluginMeta;
  register(ctx: PluginContext): void | Promise<void>;
}
