import { z } from '@hepuq/core';

/** Registry key of the NumPy .npy format. */
export const NPY = 'npy';

/** `ReadOptions.options` of the .npy format. */
export const NpyOptions = z
  .object({
    /** Names for the array's columns (default `f0..f{d-1}`; a structured array's own field names). */
    columns: z.array(z.string().min(1)).min(1).optional(),
  })
  .strict();
export type NpyOptions = z.infer<typeof NpyOptions>;
