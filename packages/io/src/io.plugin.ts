import { parsePluginOptions, z, type DataFormat, type HepuqPlugin } from '@hepuq/core';
import { IO_META, IO_PLUGIN_NAME } from './plugin-meta.js';
import { CSV } from './csv/csv-options.js';
import { csvFormat } from './csv/csv.format.js';
import { HDF5 } from './hdf5/hdf5-options.js';
import { hdf5Format } from './hdf5/hdf5.format.js';
import { NPY } from './npy/npy-options.js';
import { PARQUET } from './parquet/parquet-options.js';
import { ROOT } from './root/root-options.js';
import { rootFormat } from './root/root.format.js';
import { parquetFormat } from './parquet/parquet.format.js';
import { npyFormat } from './npy/npy.format.js';

/** Every format this package provides, by registry key. */
export const IO_FORMATS: Record<string, () => DataFormat> = {
  [CSV]: csvFormat,
  [NPY]: npyFormat,
  [HDF5]: hdf5Format,
  [PARQUET]: parquetFormat,
  [ROOT]: rootFormat,
};

/** Options of the `io()` plugin factory. */
export const IoPluginOptions = z
  .object({
    /** Register only these formats (default: all). */
    formats: z.array(z.enum([CSV, NPY, HDF5, PARQUET, ROOT])).optional(),
  })
  .strict();
export type IoPluginOptions = z.infer<typeof IoPluginOptions>;

/**
 * The @hepuq/io plugin: registers every data format in `ctx.formats`.
 * @example const app = await createHepuq({ plugins: [io()] })
 */
export function io(options: IoPluginOptions = {}): HepuqPlugin {
  const opts = parsePluginOptions(IO_PLUGIN_NAME, IoPluginOptions, options);
  const keys = opts.formats ?? Object.keys(IO_FORMATS);
  return {
    meta: IO_META,
    register(ctx) {
      for (const key of keys) ctx.formats.add(key, IO_FORMATS[key]());
    },
  };
}

export default io;
