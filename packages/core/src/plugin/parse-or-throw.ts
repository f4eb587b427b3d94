import { z } from 'zod';
import type { ErrorCode } from '../errors/error-catalog.js';
import { HepuqError } from '../errors/hepuq-error.js';
import { describeZodError } from './plugin-options.js';

/** Where a validated value came from, for the catalog error `parseOrThrow` raises. */
export interface ParseContext {
  /** Catalog code: `InvalidConfig` (config files, toy and method options), `InvalidArgument` (commands, API calls), ... */
  code: ErrorCode;
  /** What was validated, the message's first words: `toy "gap-1d"`, `hepuq metrics`, `train.csv: csv options`. */
  where: string;
  /** Prefix of every issue path, e.g. `options` or `method.options` (ignored with `flags`). */
  path?: string;
  /** The value holds CLI flags: name issues `--kebab-case` (`kpdDegree` becomes `--kpd-degree`). */
  flags?: boolean;
  /** The plugin raising the error (registered code is attributed automatically). */
  plugin?: string;
  /** Replaces the catalog hint. */
  hint?: string;
}

const kebab = (key: PropertyKey): string => `--${String(key).replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;

/**
 * `schema.parse(value)`, but a failure is a HepuqError naming every offending path:
 * `<where>: <path>: <message>; ...` (see `describeZodError`).
 * @example const opts = parseOrThrow(GenEvalOptions, options, { code: 'InvalidArgument', where: 'gen-eval options' })
 * @example const flags = parseOrThrow(CommandFlags, options, { code: 'InvalidArgument', where: 'hepuq metrics', flags: true })
 */
export function parseOrThrow<S extends z.ZodType>(schema: S, value: unknown, context: ParseContext): z.infer<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const error = context.flags
    ? new z.ZodError(result.error.issues.map((issue) => ({ ...issue, path: issue.path.length > 0 ? [kebab(issue.path[0]), ...issue.path.slice(1)] : [] })))
    : result.error;
  throw new HepuqError(context.code, `${context.where}: ${describeZodError(error, context.flags ? '' : context.path)}`, {
    plugin: context.plugin,
    hint: context.hint,
  });
}
