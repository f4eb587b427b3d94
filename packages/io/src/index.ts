export { io, default, IoPluginOptions, IO_FORMATS } from './io.plugin.js';
export { IO_PLUGIN_NAME, IO_VERSION } from './common/io-plugin-name.js';
export { formatForPath, resolveDataSource, type ResolvedSource } from './format-for-path.js';
export { splitItemPath, type ItemPath } from './common/item-path.js';
export { formatFloat32 } from './common/float-text.js';

export { CSV, CsvOptions } from './csv/csv-options.js';
export { csvFormat } from './csv/csv.format.js';
export { writeCsv } from './csv/csv-write.js';

export { NPY, NpyOptions } from './npy/npy-options.js';
export { npyFormat } from './npy/npy.format.js';
export { writeNpy } from './npy/npy-write.js';
