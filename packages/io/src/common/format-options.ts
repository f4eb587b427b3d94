import { describeZodError, type z } from '@hepuq/core';
import { ioError } from './io-error.js';

/**
 * Validate a format's own options (`ReadOptions.options`) with its strict zod schema.
 * @example const opts = parseFormatOptions('csv', CsvOptions, 'train.csv', options?.options)
 */
export function parseFormatOptions<S extends z.ZodType>(format: string, schema: S, source: string, options: unknown): z.infer<S> {
  const result = schema.safeParse(options ?? {});
  if (!result.success) {
    throw ioError('InvalidConfig', `${source}: ${format} options: ${describeZodError(result.error, 'options')}`, {
      hint: `Check the option against the ${format} section of the @hepuq/io README.`,
    });
  }
  return result.data;
}
