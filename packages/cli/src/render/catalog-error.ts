import { errnoOf, fileSystemError, HepuqError, isHepuqError } from '@hepuq/core';

/** System calls that read: their failures are about input (FileUnreadable), the rest about output. */
const READS = new Set(['open', 'read', 'stat', 'lstat', 'fstat', 'scandir', 'access', 'readlink', 'realpath']);

/**
 * Every failure the CLI prints, as one catalog error: HepuqErrors as they are; commander's parse
 * errors as `InvalidCommandLine`; file-system errors that escaped their caller by errno
 * (`fileSystemError`); anything else is a bug, `InternalError`, whose message says where to report it.
 * @example io.err(asCatalogError(e).format())
 */
export function asCatalogError(e: unknown): HepuqError {
  if (isHepuqError(e)) return e;
  const code = (e as { code?: unknown } | null)?.code;
  if (typeof code === 'string' && code.startsWith('commander.')) {
    return new HepuqError('InvalidCommandLine', (e as Error).message.replace(/^error: /, ''), { cause: e });
  }
  if (errnoOf(e)) {
    const { syscall, path } = e as NodeJS.ErrnoException;
    const reading = syscall !== undefined && READS.has(syscall);
    return fileSystemError(e, syscall ?? 'access', path ?? '(unknown path)', reading ? 'FileUnreadable' : 'OutputWriteFailed');
  }
  const message = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
  return new HepuqError('InternalError', message, { cause: e });
}
