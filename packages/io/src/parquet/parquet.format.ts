import { splitItemPath, type ColumnSelection, type DataFormat, type Dataset, type RaggedColumn, type ReadOptions } from '@hepuq/core';
import { concatColumns } from '../common/concat-columns.js';
import { assertChunkSize, entryRange } from '../common/entry-range.js';
import { parseFormatOptions } from '../common/format-options.js';
import { ioError } from '../common/io-error.js';
import { concatRagged } from '../common/ragged.js';
import { rechunk, type ColumnBlock } from '../common/rechunk.js';
import { planSelection, type SelectionPlan } from '../common/set-columns.js';
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

function wanted(src: ParquetSource, selection: ColumnSelection): SelectionPlan {
  const plan = planSelection(src.path, selection, src.columns.map((c) => c.name), { format: PARQUET, lists: true });
  assertParquetColumns(src, plan.flat, plan.lists);
  return plan;
}

function blockDataset(src: ParquetSource, plan: SelectionPlan, selection: ColumnSelection, b: ColumnBlock): Dataset {
  const lists = new Map<string, RaggedColumn>(plan.lists.map((n, j) => [n, b.lists![j]]));
  return toDataset(src.path, new Map(plan.flat.map((n, j) => [n, b.columns[j]])), selection, b.firstRow, { plan, lists });
}

/**
 * Apache Parquet through hyparquet (+ hyparquet-compressors: snappy, gzip, brotli, zstd, lz4):
 * top-level FLOAT/DOUBLE/INT32/INT64/BOOLEAN columns, decoded one row group at a time; written with
 * hyparquet-writer. Particle sets read list columns of those types (one list per row) or indexed
 * families of flat columns (`E_{i}`).
 * @example const ds = await parquetFormat().read('jets.parquet', { features: ['pt', 'eta'], label: 'is_signal' })
 */
export function parquetFormat(): DataFormat {
  return {
    key: PARQUET,
    extensions: ['.parquet', '.pq'],
    description: 'Apache Parquet columns through hyparquet and hyparquet-writer (read, write)',

    async read(spec: string, selection: ColumnSelection, options?: ReadOptions): Promise<Dataset> {
      const src = await open(spec, options);
      const plan = wanted(src, selection);
      const range = entryRange(src.path, src.rows, options);
      const blocks: ColumnBlock[] = [];
      for await (const b of readParquetRowGroups(src, plan.flat, range.start, range.end, plan.lists)) blocks.push(b);
      return blockDataset(src, plan, selection, {
        columns: concatColumns(blocks.map((b) => b.columns), plan.flat.length),
        lists: plan.lists.map((_, j) => concatRagged(blocks.map((b) => b.lists![j]))),
        firstRow: range.start,
      });
    },

    async *readChunks(spec: string, selection: ColumnSelection, chunkSize: number, options?: ReadOptions): AsyncIterable<Dataset> {
      const src = await open(spec, options);
      assertChunkSize(src.path, chunkSize);
      const plan = wanted(src, selection);
      const range = entryRange(src.path, src.rows, options);
      for await (const b of rechunk(readParquetRowGroups(src, plan.flat, range.start, range.end, plan.lists), plan.flat.length, chunkSize)) {
        yield blockDataset(src, plan, selection, b);
      }
    },

    async columns(spec: string, options?: ReadOptions): Promise<string[]> {
      return (await open(spec, options)).columns.map((c) => c.name);
    },

    write: writeParquet,
  };
}
