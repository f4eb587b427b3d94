import { HepuqError, type ErrorCode } from '@hepuq/core';
import { IO_PLUGIN_NAME } from '../plugin-meta.js';

/**
 * A catalog error attributed to @hepuq/io. Messages start with the file (and item) they concern.
 * @example throw ioError('MissingColumn', `${file}: column "x" not found`)
 */
export function ioError(code: ErrorCode, message: string, options: { hint?: string; cause?: unknown } = {}): HepuqError {
  return new HepuqError(code, message, { ...options, plugin: IO_PLUGIN_NAME });
}

/**
 * Re-raise a HepuqError (attributed to @hepuq/io when it names no plugin, as core's checks do not);
 * wrap anything else (a library's own error) as `code` naming the file.
 */
export function wrapIoError(e: unknown, code: ErrorCode, source: string, what = 'cannot be read'): HepuqError {
  if (e instanceof HepuqError) return e.plugin === undefined ? ioError(e.code, e.message, { hint: e.hint, cause: e }) : e;
  const detail = e instanceof Error ? e.message : String(e);
  return ioError(code, `${source} ${what}: ${detail}`, { cause: e });
}
