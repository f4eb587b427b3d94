import { resolveItem, type ColumnSelection, type DataFormat, type Dataset, type ReadOptions } from '@hepuq/core';
import { requiredColumns } from '../common/column-selection.js';
import { concatColumns } from '../common/concat-columns.js';
import { assertChunkSize, entryRange } from '../common/entry-range.js';
import { parseFormatOptions } from '../common/format-options.js';
import { ioError } from '../common/io-error.js';
import { rechunk } from '../common/rechunk.js';
import { toDataset } from '../common/to-dataset.js';
import { planRootColumns, rootColumnNames } from './root-columns.js';
import { ROOT, RootOptions } from './root-options.js';
import { readRootBlocks } from './root-read.js';
import { openRoot, type RootSource } from './root-source.js';

/** Entries per jsroot process call when `read` collects a whole tree. */
const READ_BLOCK_ENTRIES = 1 << 16;

async function open(spec: string, options?: ReadOptions): Promise<{ src: RootSource; opts: RootOptions }> {
  const { path, item } = resolveItem(spec, options?.item);
  const opts = parseFormatOptions(ROOT, RootOptions, path, options?.options);
  return { src: await openRoot(path, item), opts };
}

function plan(src: RootSource, selection: ColumnSelection, opts: RootOptions) {
  if (selection.features.length === 0) throw ioError('InvalidArgument', `${src.path}: select at least one feature column`);
  const names = requiredColumns(selection);
  return { names, plans: planRootColumns(src, names, opts) };
}

/**
 * ROOT files through jsroot (read-only): TTree branches (scalars, fixed arrays `x[k]` as `x_0..`,
 * counted arrays and std::vector with an explicit `jagged` policy) and RNTuple fields; zlib, lz4,
 * zstd and lzma baskets. Select the tree with `file.root:Events` (optional when the file holds one).
 * @example const ds = await rootFormat().read('hzz.root:events', { features: ['MET_px', 'Muon_Px_0'] }, { options: { jagged: 'pad', padLength: 2 } })
 */
export function rootFormat(): DataFormat {
  return {
    key: ROOT,
    extensions: ['.root'],
    description: 'ROOT TTrees and RNTuples through jsroot (read-only)',

    async read(spec: string, selection: ColumnSelection, options?: ReadOptions): Promise<Dataset> {
      const { src, opts } = await open(spec, options);
      try {
        const { names, plans } = plan(src, selection, opts);
        const where = `${src.path}:${src.item}`;
        const range = entryRange(where, src.entries, options);
        const blocks: Float32Array[][] = [];
        for await (const b of readRootBlocks(src, plans, opts.fill ?? 0, range.start, range.end, READ_BLOCK_ENTRIES)) blocks.push(b.columns);
        const cols = concatColumns(blocks, names.length);
        return toDataset(where, new Map(names.map((n, j) => [n, cols[j]])), selection, opts.jagged === 'flatten' ? 0 : range.start);
      } finally {
        src.close();
      }
    },

    async *readChunks(spec: string, selection: ColumnSelection, chunkSize: number, options?: ReadOptions): AsyncIterable<Dataset> {
      const { src, opts } = await open(spec, options);
      try {
        assertChunkSize(src.path, chunkSize);
        const { names, plans } = plan(src, selection, opts);
        const where = `${src.path}:${src.item}`;
        const range = entryRange(where, src.entries, options);
        const blocks = readRootBlocks(src, plans, opts.fill ?? 0, range.start, range.end, chunkSize);
        for await (const b of rechunk(blocks, names.length, chunkSize)) {
          yield toDataset(where, new Map(names.map((n, j) => [n, b.columns[j]])), selection, b.firstRow);
        }
      } finally {
        src.close();
      }
    },

    async columns(spec: string, options?: ReadOptions): Promise<string[]> {
      const { src, opts } = await open(spec, options);
      src.close();
      return rootColumnNames(src.branches, opts);
    },
  };
}
