import semver from 'semver';
import type { DependencyContainer } from 'tsyringe';
import type { Token } from '../di/token.js';
import { HepuqError } from '../errors/hepuq-error.js';
import type { EventBus } from '../events/event-bus.js';
import type { Registries, RegistryName } from '../registry/registries.js';
import type { HepuqPlugin, PluginContext } from './plugin.js';
import { attributed, attributeError } from './attribute.js';

/** Who provides each service token: the app, the CLI, or a plugin (shown by `hepuq plugins`). */
export interface ServiceProvider {
  token: string;
  owner: string;
}

/**
 * Loads plugins into one app: checks their shape and `meta.core`, then calls `register` with a
 * context scoped to the plugin (attributed registries, scoped events, `provide`). Made by the app.
 */
export class PluginLoader {
  readonly #loaded: HepuqPlugin['meta'][] = [];
  readonly #providers = new Map<symbol, string>();

  constructor(
    private readonly registries: Registries,
    private readonly events: EventBus,
    private readonly coreVersion: string,
    private readonly container: DependencyContainer,
  ) {}

  async load(plugin: HepuqPlugin): Promise<void> {
    assertPluginShape(plugin);
    const { name, core } = plugin.meta;
    if (this.#loaded.some((m) => m.name === name)) {
      throw new HepuqError('DuplicateKey', `plugin ${name} is loaded twice`, { plugin: name });
    }
    if (!semver.satisfies(this.coreVersion, core, { includePrerelease: true })) {
      throw new HepuqError('IncompatiblePlugin', `needs @hepuq/core ${core}, but ${this.coreVersion} is installed`, { plugin: name });
    }
    try {
      await plugin.register(this.context(name));
    } catch (e) {
      const error = attributeError(e, name) as HepuqError;
      throw error.code === 'InternalError' ? new HepuqError('PluginLoadFailed', `register() threw: ${error.message}`, { plugin: name, cause: e }) : error;
    }
    this.#loaded.push(plugin.meta);
  }

  loaded(): readonly HepuqPlugin['meta'][] {
    return this.#loaded;
  }

  /** Register a service in the app's container on behalf of `owner` (a later provider replaces an earlier one). */
  provide<T>(token: Token<T>, value: T, owner: string): void {
    this.container.register(token, { useValue: value });
    this.#providers.set(token, owner);
  }

  providers(): ServiceProvider[] {
    return [...this.#providers].map(([token, owner]) => ({ token: token.description ?? String(token), owner }));
  }

  private context(owner: string): PluginContext {
    const scoped = Object.fromEntries(
      Object.entries(this.registries.all()).map(([name, registry]) => [
        name,
        { add: (key: string, value: unknown, options = {}) => registry.add(key, attributed(value, owner, this.events), { ...options, owner }) },
      ]),
    ) as { [R in RegistryName]: PluginContext[R] };
    return {
      ...scoped,
      plugin: owner,
      events: this.events.scoped(owner),
      provide: (token, value) => this.provide(token, attributed(value, owner, this.events), owner),
    };
  }
}

function assertPluginShape(plugin: unknown): asserts plugin is HepuqPlugin {
  const p = plugin as Partial<HepuqPlugin> | undefined;
  const meta = p?.meta;
  if (!meta || typeof meta.name !== 'string' || typeof meta.version !== 'string' || typeof meta.core !== 'string' || typeof p.register !== 'function') {
    const name = typeof meta?.name === 'string' ? meta.name : 'unknown';
    throw new HepuqError('InvalidPlugin', `object given as plugin "${name}" lacks meta { name, version, core } or register()`, { plugin: name });
  }
  if (!semver.validRange(meta.core)) {
    throw new HepuqError('InvalidPlugin', `meta.core "${meta.core}" is not a semver range`, { plugin: meta.name });
  }
}
