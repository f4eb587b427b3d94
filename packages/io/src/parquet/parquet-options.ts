import { z } from '@hepuq/core';

/** Registry key of the Parquet format. */
export const PARQUET = 'parquet';

/** `ReadOptions.options` of the Parquet format (none yet; unknown keys are errors). */
export const ParquetOptions = z.object({}).strict();
export type ParquetOptions = z.infer<typeof ParquetOptions>;
