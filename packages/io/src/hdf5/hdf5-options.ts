import { z } from '@hepuq/core';

/** Registry key of the HDF5 format. */
export const HDF5 = 'hdf5';

/** `ReadOptions.options` of the HDF5 format. */
export const Hdf5Options = z
  .object({
    /** Names for the columns of one numeric dataset [N, D] (default `<dataset>_0..`, or `<dataset>` for [N] and [N, 1]). */
    columns: z.array(z.string().min(1)).min(1).optional(),
  })
  .strict();
export type Hdf5Options = z.infer<typeof Hdf5Options>;
