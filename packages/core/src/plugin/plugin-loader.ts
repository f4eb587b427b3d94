import semver from 'semver';
import { inject, injectable, type DependencyContainer } from 'tsyringe';
import { HepuqError } from '../errors/hepuq-error.js';
import type { EventBus } from '../events/event-bus.js';
import type { Registries, RegistryName } from '../registry/registries.js';
import { ContainerToken, CoreVersionToken, EventBusToken, RegistriesToken } from '../tokens.js';
import type { HepuqPlugin, PluginContext } from './plugin.js';

/** Loads plugins: checks their shape and `meta.core`, then calls `register` with a scoped context. */
@injectable()
export class PluginLoader {
  readonly #loaded: HepuqPlugin['meta'][] = [];

  constructor(
    @inject(RegistriesToken) private readonly registries: Registries,
    @inject(EventBusToken) private readonly events: EventBus,
    @inject(CoreVersionToken) private readonly coreVersion: string,
    @inject(ContainerToken) private readonly container: DependencyContainer,
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
      if (e instanceof HepuqError) throw e.plugin ? e : new HepuqError(e.code, e.message, { plugin: name, hint: e.hint, cause: e });
      throw new HepuqError('PluginLoadFailed', `register() threw: ${(e as Error).message}`, { plugin: name, cause: e });
    }
    this.#loaded.push(plugin.meta);
  }

  loaded(): readonly HepuqPlugin['meta'][] {
    return this.#loaded;
  }

  private context(owner: string): PluginContext {
    const scoped = Object.fromEntries(
      Object.entries(this.registries.all()).map(([name, registry]) => [
        name,
        { add: (key: string, value: unknown, options = {}) => registry.add(key, value, { ...options, owner }) },
      ]),
    ) as { [R in RegistryName]: PluginContext[R] };
    return { ...scoped, plugin: owner, events: this.events, container: this.container };
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
