import { container as rootContainer, type DependencyContainer } from 'tsyringe';
import { selectBackend } from '../backend/select-backend.js';
import type { BackendInfo } from '../backend/backend-info.js';
import type { ServiceBinding, Services } from '../di/services.js';
import { HepuqError } from '../errors/hepuq-error.js';
import { EventBus } from '../events/event-bus.js';
import type { HepuqPlugin } from '../plugin/plugin.js';
import { PluginLoader, type ServiceProvider } from '../plugin/plugin-loader.js';
import { Rng } from '../random/rng.js';
import { Registries } from '../registry/registries.js';
import { EventsToken, RegistriesToken, RngToken } from '../tokens.js';
import { CORE_VERSION } from '../version.js';
import { corePlugin, CORE_PLUGIN_NAME } from '../core.plugin.js';

export interface CreateAppOptions {
  /** Plugins to load after core's built-ins, in order. */
  plugins?: HepuqPlugin[];
  /** Run seed (default 0). */
  seed?: number;
  /** Force a backend (`wasm`, `cpu`, `tensorflow`, `tensorflow-gpu`); default: automatic. */
  backend?: string;
  /**
   * Services provided before any plugin loads (a host's defaults, e.g. the CLI's artifact store and
   * progress sink); a plugin may replace them with `ctx.provide`.
   */
  services?: ServiceBinding[];
  /** Who provides `services` (shown by `hepuq plugins`; default `host`). */
  host?: string;
}

/**
 * One hepuq application: a child DI container with its own registries, event bus, seeded generator,
 * backend and services. Create one per run, CLI invocation or test; never use tsyringe's global
 * container directly.
 */
export interface HepuqApp {
  readonly registries: Registries;
  readonly events: EventBus;
  readonly rng: Rng;
  readonly backend: BackendInfo;
  readonly seed: number;
  /** The app's services (tokens in docs/plugin-authors.md). */
  readonly services: Services;
  use(plugin: HepuqPlugin): Promise<void>;
  plugins(): readonly HepuqPlugin['meta'][];
  /** Which host or plugin provides each service token. */
  serviceProviders(): ServiceProvider[];
  dispose(): void;
}

/**
 * Create an app: select the backend, provide the host's services, register core's built-ins, then
 * load `plugins`.
 * @example const app = await createHepuq({ seed: 7, plugins: [nnPlugin(), bnn()] });
 */
export async function createHepuq(options: CreateAppOptions = {}): Promise<HepuqApp> {
  const backend = await selectBackend(options.backend);
  const seed = options.seed ?? 0;
  const container: DependencyContainer = rootContainer.createChildContainer();
  const registries = new Registries();
  const events = new EventBus();
  const rng = new Rng(seed);
  const loader = new PluginLoader(registries, events, CORE_VERSION, container);
  loader.provide(RegistriesToken, registries, CORE_PLUGIN_NAME);
  loader.provide(EventsToken, events, CORE_PLUGIN_NAME);
  loader.provide(RngToken, rng, CORE_PLUGIN_NAME);
  for (const { token, value } of options.services ?? []) loader.provide(token, value, options.host ?? 'host');
  const services: Services = {
    resolve: (token) => {
      if (!container.isRegistered(token, true)) throw new HepuqError('MissingService', `nothing provides the service ${token.description ?? String(token)}`);
      return container.resolve(token);
    },
    has: (token) => container.isRegistered(token, true),
  };
  await loader.load(corePlugin());
  for (const plugin of options.plugins ?? []) await loader.load(plugin);
  return {
    registries, events, rng, backend, seed, services,
    use: (plugin) => loader.load(plugin),
    plugins: () => loader.loaded(),
    serviceProviders: () => loader.providers(),
    dispose: () => {
      events.complete();
      void container.dispose();
    },
  };
}
