import { parseOrThrow, type z } from '@hepuq/core';
import { IO_PLUGIN_NAME } from '../plugin-meta.js';

/**
 * Validate a format's own options (`ReadOptions.options`) with its strict zod schema.
 * @example const opts = parseFormatOptions('csv', CsvOptions, 'train.csv', options?.options)
 */
export function parseFormatOptions<S extends z.ZodType>(format: string, schema: S, source: string, options: unknown): z.infer<S> {
  return parseOrThrow(schema, options ?? {}, {
    code: 'InvalidConfig',
    where: `${source}: ${format} options`,
    path: 'options',
    plugin: IO_PLUGIN_NAME,
    hint: `Check the option against the ${format} section of the @hepuq/io README.`,
  });
}
