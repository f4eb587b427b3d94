import type { Compressors } from 'hyparquet-compressors';

/** hyparquet's reader, its codecs and its page-header parser. */
export interface HyparquetModules {
  hyparquet: typeof import('hyparquet');
  compressors: Compressors;
  parquetHeader: (typeof import('hyparquet/src/column.js'))['parquetHeader'];
}

let loading: Promise<HyparquetModules> | undefined;

/**
 * Load hyparquet once, on the first Parquet read: importing it with its codecs takes ~30 ms of every
 * `@hepuq/io` import otherwise, paid by CSV, npy and HDF5 users too.
 * @example const { hyparquet, compressors } = await loadHyparquet()
 */
export function loadHyparquet(): Promise<HyparquetModules> {
  loading ??= (async () => {
    const [hyparquet, { compressors }, { parquetHeader }] = await Promise.all([
      import('hyparquet'),
      import('hyparquet-compressors'),
      import('hyparquet/src/column.js'),
    ]);
    return { hyparquet, compressors, parquetHeader };
  })();
  return loading;
}
