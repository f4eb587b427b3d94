import { resolveItem, type ColumnSelection, type DataFormat, type Dataset, type RaggedColumn, type ReadOptions } from '@hepuq/core';
import { concatColumns } from '../common/concat-columns.js';
import { assertChunkSize, entryRange } from '../common/entry-range.js';
import { parseFormatOptions } from '../common/format-options.js';
import { ioError } from '../common/io-error.js';
import { concatRagged } from '../common/ragged.js';
import { rechunk, type ColumnBlock } from '../common/rechunk.js';
import { planSelection, type SelectionPlan } from '../common/set-columns.js';
import { toDataset } from '../common/to-dataset.js';
import { planRootColumns, planRootLists, rootColumnNames, type ColumnPlan } from './root-columns.js';
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

/** Flat columns (roles, indexed set families) then list columns (set branches read whole), in that order. */
function plan(src: RootSource, selection: ColumnSelection, opts: RootOptions): { sel: SelectionPlan; plans: ColumnPlan[] } {
  const where = `${src.path}:${src.item}`;
  const sel = planSelection(where, selection, rootColumnNames(src.branches, opts), { format: ROOT, lists: true, listColumns: src.branches.map((b) => b.name) });
  if (sel.sets.length > 0 && opts.jagged === 'flatten') {
    throw ioError('InvalidConfig', `${where}: particle sets cannot be read with jagged: 'flatten' (its rows are particles, not events)`, {
      hint: "A set's branches are read as one list per entry whatever `jagged` says; drop `flatten` or read the flattened columns without `sets`.",
    });
  }
  return { sel, plans: [...planRootColumns(src, sel.flat, opts), ...planRootLists(src, sel.lists)] };
}

function blockDataset(where: string, sel: SelectionPlan, selection: ColumnSelection, b: ColumnBlock, rowOffset: number): Dataset {
  const lists = new Map<string, RaggedColumn>(sel.lists.map((n, j) => [n, b.lists![j]]));
  return toDataset(where, new Map(sel.flat.map((n, j) => [n, b.columns[j]])), selection, rowOffset, { plan: sel, lists });
}

/**
 * ROOT files through jsroot (read-only): TTree branches (scalars, fixed arrays `x[k]` as `x_0..`,
 * counted arrays and std::vector with an explicit `jagged` policy) and RNTuple fields; zlib, lz4,
 * zstd and lzma baskets. Select the tree with `file.root:Events` (optional when the file holds one).
 * Particle sets read jagged branches whole, one list per entry (`sets: { jets: { columns: { px: Jet_Px } } }`).
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
        const { sel, plans } = plan(src, selection, opts);
        const where = `${src.path}:${src.item}`;
        const range = entryRange(where, src.entries, options);
        const blocks: ColumnBlock[] = [];
        for await (const b of readRootBlocks(src, plans, opts.fill ?? 0, range.start, range.end, READ_BLOCK_ENTRIES)) blocks.push(b);
        const whole: ColumnBlock = {
          columns: concatColumns(blocks.map((b) => b.columns), sel.flat.length),
          lists: sel.lists.map((_, j) => concatRagged(blocks.map((b) => b.lists![j]))),
          firstRow: range.start,
        };
        return blockDataset(where, sel, selection, whole, opts.jagged === 'flatten' ? 0 : range.start);
      } finally {
        src.close();
      }
    },

    async *readChunks(spec: string, selection: ColumnSelection, chunkSize: number, options?: ReadOptions): AsyncIterable<Dataset> {
      const { src, opts } = await open(spec, options);
      try {
        assertChunkSize(src.path, chunkSize);
        const { sel, plans } = plan(src, selection, opts);
        const where = `${src.path}:${src.item}`;
        const range = entryRange(where, src.entries, options);
        const blocks = readRootBlocks(src, plans, opts.fill ?? 0, range.start, range.end, chunkSize);
        for await (const b of rechunk(blocks, sel.flat.length, chunkSize)) yield blockDataset(where, sel, selection, b, b.firstRow);
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
