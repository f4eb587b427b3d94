import type { Token } from './token.js';

/**
 * The app's services as commands, run steps and plugins reach them: resolve a typed token from the
 * app's container (`RegistriesToken`, `RngToken`, `ArtifactStoreToken`, ...; docs/plugin-authors.md
 * lists them). Contracts depend on this interface, never on the app itself.
 * @example const registries = services.resolve(RegistriesToken);
 */
export interface Services {
  resolve<T>(token: Token<T>): T;
  /** Whether something provides `token` (optional services such as `DefaultExecutorToken`). */
  has(token: Token<unknown>): boolean;
}

/** One provided service: what `createHepuq({ services })` and `PluginContext.provide` register. */
export interface ServiceBinding<T = unknown> {
  token: Token<T>;
  value: T;
}
