import { ERROR_CATALOG, HepuqError, type ErrorCode } from '@hepuq/core';

const PREFIX = /^\[hepuq:([A-Za-z]+)\] ([\s\S]*)$/;

/**
 * A catalog error raised by a worker outside the task (versions, a module it cannot load, a job it
 * cannot read) as a job's failure reason, `[hepuq:<code>] <message>`, so the submitter can raise it
 * with its own code instead of as a failed task.
 * @example failureReason(new HepuqError('VersionMismatch', '...')) // '[hepuq:VersionMismatch] ...'
 */
export function failureReason(error: HepuqError): string {
  return `[hepuq:${error.code}] ${error.message}`;
}

/**
 * The catalog error a failure reason carries, if it carries one.
 * @example catalogFailure('[hepuq:VersionMismatch] @hepuq/core 0.2.0 here, ...')?.code // 'VersionMismatch'
 */
export function catalogFailure(reason: string | undefined): { code: ErrorCode; message: string } | undefined {
  const m = PREFIX.exec(reason ?? '');
  if (!m || !(m[1] in ERROR_CATALOG)) return undefined;
  return { code: m[1] as ErrorCode, message: m[2] };
}
