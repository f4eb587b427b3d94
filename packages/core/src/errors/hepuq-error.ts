import { ERROR_CATALOG, type ErrorCode } from './error-catalog.js';

const HEPUQ_ERROR = Symbol.for('hepuq:error');

export interface HepuqErrorOptions {
  /** Replaces the catalog hint when the situation allows a more specific one. */
  hint?: string;
  /** Name of the plugin the error comes from, shown in every rendering of the error. */
  plugin?: string;
  cause?: unknown;
}

/**
 * Every user-facing failure in hepuq. `code` and `title` come from the catalog; `message` says what
 * happened and names the offending key, file, column or row; `hint` says what to do.
 * @example throw new HepuqError('MissingColumn', `column "y" not found in train.csv`)
 */
export class HepuqError extends Error {
  /** Brand shared by every copy of core (`Symbol.for`), for `isHepuqError`. */
  readonly [HEPUQ_ERROR] = true;
  readonly code: ErrorCode;
  readonly title: string;
  readonly hint: string;
  readonly plugin?: string;

  constructor(code: ErrorCode, message: string, options: HepuqErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'HepuqError';
    this.code = code;
    this.title = ERROR_CATALOG[code].title;
    this.hint = options.hint ?? ERROR_CATALOG[code].hint;
    if (options.plugin !== undefined) this.plugin = options.plugin;
  }

  /** One-screen rendering used by the CLI: `[hepuq:Code] Title: message (plugin) \n hint`. */
  format(): string {
    const who = this.plugin ? ` (plugin ${this.plugin})` : '';
    return `[hepuq:${this.code}] ${this.title}${who}: ${this.message}\n  hint: ${this.hint}`;
  }

  toJSON(): Record<string, string | undefined> {
    return { code: this.code, title: this.title, message: this.message, hint: this.hint, plugin: this.plugin };
  }
}

/** True for a HepuqError from any copy of @hepuq/core (a plugin may bundle or install its own). */
export function isHepuqError(e: unknown): e is HepuqError {
  return e instanceof HepuqError || (e !== null && typeof e === 'object' && (e as Record<symbol, unknown>)[HEPUQ_ERROR] === true);
}
