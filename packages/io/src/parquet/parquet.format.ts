import { splitItemPath, type ColumnSelection, type DataFormat, type Dataset, type ReadOptions } from '@hepuq/core';
import { requiredColumns } from '../common/column-selection.js';
import { concatColumns } from '../common/concat-columns.js';
import { assertChunkSize, entryRange } from '../common/entry-range.js';
import { parseFormatOptions } from '../common/format-options.js';
import { ioError } from '../common/io-error.js';
import { rechunk } from '../common/rechunk.js';
import { toDataset } from '../common/to-dataset.js';
import { PARQUET, ParquetOptions } from './parquet-options.js';
import { assertParquetColumns, openParquet, readParquetRowGroups, type ParquetSource } from './parquet-read.js';
import { writeParquet } from './parquet-write.js';

async function open(spec: string, options?: ReadOptions): Promise<ParquetSource> {
  const { path, item } = splitItemPath(spec);
  if (item !== undefined || options?.item !== undefined) throw ioError('UnsupportedFormat', `${spec}: a Parquet file has no items`);
  parseFormatOptions(PARQUET, ParquetOptions, path, options?.options);
  return openParquet(path);
}

function wanted(src: ParquetSource, selection: ColumnSelection): string[] {
  if (selection.features.length === 0) throw ioError('InvalidArgument', `${src.path}: select at least one feature column`);
  const names = requiredColumns(selection);
  assertParquetColumns(src, names);
  return names;
}

/**
 * Apache Parquet through hyparquet (+ hyparquet-compressors: snappy, gzip, brotli, zstd, lz4):
 * top-level FLOAT/DOUBLE/INT32/INT64/BOOLEAN columns, decoded one row group at a time; written with
 * hyparquet-writer.
 * @example const ds = await parquetFormat().read('jets.parquet', { features: ['pt', 'eta'], label: 'is_signal' })
 */
export function parquetFormat(): DataFormat {
  return {
    key: PARQUET,
    extensions: ['.parquet', '.pq'],
    description: 'Apache Parquet columns through hyparquet and hyparquet-writer (read, write)',

    async read(spec: string, selection: ColumnSelection, options?: ReadOptions): Promise<Dataset> {
      const src = await open(spec, options);
      const names = wanted(src, selection);
      const range = entryRange(src.path, src.rows, options);
      const blocks: Float32Array[][] = [];
      for await (const b of readParquetRowGroups(src, names, range.start, range.end)) blocks.push(b.columns);
      const cols = concatColumns(blocks, names.length);
      return toDataset(src.path, new Map(names.map((n, j) => [n, cols[j]])), selection, range.start);
    },

    async *readChunks(spec: string, selection: ColumnSelection, chunkSize: number, options?: ReadOptions): AsyncIterable<Dataset> {
      const src = await open(spec, options);
      assertChunkSize(src.path, chunkSize);
      const names = wanted(src, selection);
      const range = entryRange(src.path, src.rows, options);
      for await (const b of rechunk(readParquetRowGroups(src, names, range.start, range.end), names.length, chunkSize)) {
        yield toDataset(src.path, new Map(names.map((n, j) => [n, b.columns[j]])), selection, b.firstRow);
      }
    },

    async columns(spec: string, options?: ReadOptions): Promise<string[]> {
      return (await open(spec, options)).columns.map((c) => c.name);
    },

    write: writeParquet,
  };
}
