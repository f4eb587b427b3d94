import type { ErrorCode } from '../errors/error-catalog.js';
import { HepuqError, isHepuqError } from '../errors/hepuq-error.js';

/** What to do about each errno a write or read can end in (the catalog hint covers the rest). */
const HINTS: Record<string, string> = {
  ENOSPC: 'The disk is full: free some space, or write elsewhere (--out, --report).',
  EDQUOT: 'The disk quota is exhausted: free some space, or write elsewhere (--out, --report).',
  EACCES: 'Permission denied: make the directory writable for this user, or write elsewhere (--out, --report).',
  EPERM: 'The operation is not permitted here: make the directory writable for this user, or write elsewhere (--out, --report).',
  EROFS: 'The file system is read-only: write elsewhere (--out, --report).',
  ENOTDIR: 'A part of the path is a file, not a directory: choose a path whose parents are directories.',
  EISDIR: 'The path names a directory where a file is expected: choose a file name.',
  EEXIST: 'Something already exists at that path: remove it or choose another name.',
  ENOTEMPTY: 'A non-empty directory is in the way: remove it or choose another name.',
  ENAMETOOLONG: 'The path is too long for this file system: choose a shorter name or directory.',
  EMFILE: 'Too many open files: raise the limit (ulimit -n) or close other programs.',
  ENOENT: 'A directory on the path does not exist or was removed while writing.',
};

/** The errno code (`ENOSPC`, ...) of a Node file-system error, if it is one. */
export function errnoOf(e: unknown): string | undefined {
  const code = (e as { code?: unknown } | null)?.code;
  return typeof code === 'string' && /^E[A-Z0-9]+$/.test(code) ? code : undefined;
}

/**
 * A file-system failure as a catalog error: `cannot <action> <path>: <reason>` with a hint chosen by
 * errno. A HepuqError passes through unchanged, so callers can wrap whole blocks.
 * @example catch (e) { throw fileSystemError(e, 'write', 'runs/demo/metrics.json') }
 */
export function fileSystemError(e: unknown, action: string, path: string, code: ErrorCode = 'OutputWriteFailed'): HepuqError {
  if (isHepuqError(e)) return e;
  const errno = errnoOf(e);
  const reason = errno ? `${errno} (${(e as Error).message.replace(/^[A-Z]+: /, '').replace(/, \w+ '.*'$/, '')})` : String((e as Error)?.message ?? e);
  return new HepuqError(code, `cannot ${action} ${path}: ${reason}`, { cause: e, hint: errno ? HINTS[errno] : undefined });
}
