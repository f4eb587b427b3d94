import { z } from '@hepuq/core';

/** Registry key of the CSV format. */
export const CSV = 'csv';

/** `ReadOptions.options` of the CSV format. */
export const CsvOptions = z
  .object({
    /** Field separator, one character (default `,`; `\t` for `.tsv` files). */
    delimiter: z.string().length(1).optional(),
    /** Lines starting with this character are skipped (default `#`; `false` for none). */
    comment: z.union([z.string().length(1), z.literal(false)]).optional(),
  })
  .strict();
export type CsvOptions = z.infer<typeof CsvOptions>;
