import { HepuqError } from '../errors/hepuq-error.js';

export interface RegisterOptions {
  /** Replace an existing entry instead of failing. */
  override?: boolean;
  /** Name of the plugin that registers the entry (shown by `hepuq plugins` and in errors). */
  owner?: string;
}

export interface RegistryEntry<T> {
  key: string;
  value: T;
  owner: string;
}

const KEY_PATTERN = /^(?:[a-z0-9][a-z0-9-]*\/)?[a-z0-9][a-z0-9.-]*$/;

/**
 * A string-keyed registry owned by core (like tfjs-core's kernel registry). First-party keys are bare
 * (`bnn`), third-party keys namespaced (`acme/my-method`). A duplicate key is an error unless
 * `{ override: true }`.
 * @example registries.methods.add('het-mlp', hetMlp, { owner: '@hepuq/core' })
 */
export class Registry<T> {
  readonly #entries = new Map<string, RegistryEntry<T>>();

  constructor(readonly kind: string) {}

  add(key: string, value: T, options: RegisterOptions = {}): void {
    if (!KEY_PATTERN.test(key)) {
      throw new HepuqError('InvalidArgument', `${this.kind} key "${key}" is not a valid key`, {
        hint: 'Keys are lower-case kebab-case, optionally namespaced as `vendor/name`.',
        plugin: options.owner,
      });
    }
    const existing = this.#entries.get(key);
    if (existing && !options.override) {
      throw new HepuqError('DuplicateKey', `${this.kind} "${key}" is already registered by ${existing.owner}`, {
        plugin: options.owner,
      });
    }
    this.#entries.set(key, { key, value, owner: options.owner ?? 'user' });
  }

  has(key: string): boolean {
    return this.#entries.has(key);
  }

  get(key: string): T {
    const entry = this.#entries.get(key);
    if (!entry) {
      const known = [...this.#entries.keys()].sort().join(', ') || '(none)';
      throw new HepuqError('UnknownKey', `unknown ${this.kind} "${key}"; registered: ${known}`);
    }
    return entry.value;
  }

  entries(): RegistryEntry<T>[] {
    return [...this.#entries.values()].sort((a, b) => a.key.localeCompare(b.key));
  }

  keys(): string[] {
    return this.entries().map((e) => e.key);
  }
}
