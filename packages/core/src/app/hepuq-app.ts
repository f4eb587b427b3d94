import { container as rootContainer, type DependencyContainer } from 'tsyringe';
import { selectBackend } from '../backend/select-backend.js';
import type { BackendInfo } from '../backend/backend-info.js';
import { EventBus } from '../events/event-bus.js';
import type { HepuqPlugin } from '../plugin/plugin.js';
import { PluginLoader } from '../plugin/plugin-loader.js';
import { Rng } from '../random/rng.js';
import { Registries } from '../registry/registries.js';
import { BackendInfoToken, ContainerToken, CoreVersionToken, EventBusToken, RegistriesToken, RngToken } from '../tokens.js';
import { CORE_VERSION } from '../version.js';
import { corePlugin } from '../core.plugin.js';

export interface CreateAppOptions {
  /** Plugins to load after core's built-ins, in order. */
  plugins?: HepuqPlugin[];
  /** Run seed (default 0). */
  seed?: number;
  /** Force a backend (`wasm`, `cpu`, `tensorflow`, `tensorflow-gpu`); default: automatic. */
  backend?: string;
}

/**
 * One hepuq application: a child DI container with its own registries, event bus, seeded generator
 * and backend. Create one per run or test; never use tsyringe's global container directly.
 */
export interface HepuqApp {
  readonly container: DependencyContainer;
  readonly registries: Registries;
  readonly events: EventBus;
  readonly rng: Rng;
  readonly backend: BackendInfo;
  readonly seed: number;
  use(plugin: HepuqPlugin): Promise<void>;
  plugins(): readonly HepuqPlugin['meta'][];
  dispose(): void;
}

/**
 * Create an app: select the backend, register core's built-ins, then load `plugins`.
 * @example const app = await createHepuq({ seed: 7, plugins: [bnn()] });
 */
export async function createHepuq(options: CreateAppOptions = {}): Promise<HepuqApp> {
  const backend = await selectBackend(options.backend);
  const seed = options.seed ?? 0;
  const container = rootContainer.createChildContainer();
  const registries = new Registries();
  const events = new EventBus();
  const rng = new Rng(seed);
  container.register(ContainerToken, { useValue: container });
  container.register(RegistriesToken, { useValue: registries });
  container.register(EventBusToken, { useValue: events });
  container.register(RngToken, { useValue: rng });
  container.register(BackendInfoToken, { useValue: backend });
  container.register(CoreVersionToken, { useValue: CORE_VERSION });
  const loader = container.resolve(PluginLoader);
  await loader.load(corePlugin());
  for (const plugin of options.plugins ?? []) await loader.load(plugin);
  return {
    container, registries, events, rng, backend, seed,
    use: (plugin) => loader.load(plugin),
    plugins: () => loader.loaded(),
    dispose: () => {
      events.complete();
      void container.dispose();
    },
  };
}
