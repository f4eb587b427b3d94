import { z } from 'zod';
import { HepuqError } from '../errors/hepuq-error.js';

/**
 * Validate plugin options in the factory, before anything registers. Unknown keys are errors.
 * @example const opts = parsePluginOptions('@hepuq/plugin-bnn', BnnPluginOptions, options)
 */
export function parsePluginOptions<S extends z.ZodType>(plugin: string, schema: S, options: unknown): z.infer<S> {
  const result = schema.safeParse(options ?? {});
  if (!result.success) {
    const issue = result.error.issues[0];
    const field = issue.path.join('.') || '(root)';
    throw new HepuqError('InvalidPluginOptions', `option "${field}": ${issue.message}`, { plugin });
  }
  return result.data;
}

/** Turn a zod error into a one-line message naming the offending path. */
export function describeZodError(error: z.ZodError, prefix = ''): string {
  return error.issues
    .map((issue) => {
      const path = [prefix, ...issue.path.map(String)].filter(Boolean).join('.');
      const keys = issue.code === 'unrecognized_keys' ? ` (${(issue as { keys: string[] }).keys.join(', ')})` : '';
      return `${path || '(root)'}: ${issue.message}${keys}`;
    })
    .join('; ');
}
