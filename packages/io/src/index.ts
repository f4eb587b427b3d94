export { io, default, IoPluginOptions, IO_FORMATS } from './io.plugin.js';
export { IO_PLUGIN_NAME, IO_VERSION } from './plugin-meta.js';
/** Format lookup lives in core (one home for io, `hepuq metrics` and `gen-eval`); re-exported for existing imports. */
export { formatForPath, resolveDataSource, splitItemPath, type ResolvedSource, type ItemPath } from '@hepuq/core';
export { formatFloat32 } from './common/float-text.js';

export { CSV, CsvOptions } from './csv/csv-options.js';
export { csvFormat } from './csv/csv.format.js';
export { writeCsv } from './csv/csv-write.js';

export { NPY, NpyOptions } from './npy/npy-options.js';
export { npyFormat } from './npy/npy.format.js';
export { writeNpy } from './npy/npy-write.js';

export { HDF5, Hdf5Options } from './hdf5/hdf5-options.js';
export { hdf5Format } from './hdf5/hdf5.format.js';
export { writeHdf5, type Hdf5WriteOptions } from './hdf5/h5-write.js';
export { parsePickle0, pickledStringList, type PickleValue } from './hdf5/pickle0.js';

export { PARQUET, ParquetOptions } from './parquet/parquet-options.js';
export { parquetFormat } from './parquet/parquet.format.js';
export { writeParquet, PARQUET_ROW_GROUP } from './parquet/parquet-write.js';

export { ROOT, RootOptions, JaggedPolicy } from './root/root-options.js';
export { rootFormat } from './root/root.format.js';

export { readDataSource, readDataSourceChunks, type DataSourceSpec } from './data-source.js';
export { readHdf5Attributes, type Hdf5AttributeValue } from './hdf5/h5-attributes.js';
