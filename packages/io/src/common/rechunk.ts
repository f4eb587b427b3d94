import type { RaggedColumn } from '@hepuq/core';
import { concatRagged, sliceRagged } from './ragged.js';

/** A block of rows: one Float32Array per column, one list column per list (set) column, and the file-wide index of its first row. */
export interface ColumnBlock {
  columns: Float32Array[];
  /** Per-row lists (particle-set columns read as lists), in the reader's list order. */
  lists?: RaggedColumn[];
  firstRow: number;
}

/**
 * Regroup blocks of any size (row groups, clusters) into blocks of exactly `chunkSize` rows (the
 * last may be shorter). Holds at most one input block plus one output chunk.
 */
export async function* rechunk(blocks: AsyncIterable<ColumnBlock>, nColumns: number, chunkSize: number): AsyncGenerator<ColumnBlock> {
  let out: Float32Array[] | null = null;
  let pieces: RaggedColumn[][] = [];
  let filled = 0;
  let firstRow = 0;
  const emit = (cols: Float32Array[]): ColumnBlock => {
    const block: ColumnBlock = { columns: cols, firstRow };
    if (pieces.length) block.lists = pieces.map(concatRagged);
    return block;
  };
  for await (const block of blocks) {
    const n = block.columns[0]?.length ?? (block.lists?.[0] ? block.lists[0].offsets.length - 1 : 0);
    let at = 0;
    while (at < n) {
      if (out === null) {
        out = Array.from({ length: nColumns }, () => new Float32Array(chunkSize));
        pieces = (block.lists ?? []).map(() => []);
        filled = 0;
        firstRow = block.firstRow + at;
      }
      const take = Math.min(chunkSize - filled, n - at);
      for (let j = 0; j < nColumns; j++) out[j].set(block.columns[j].subarray(at, at + take), filled);
      block.lists?.forEach((l, j) => pieces[j].push(sliceRagged(l, at, at + take)));
      filled += take;
      at += take;
      if (filled === chunkSize) {
        yield emit(out);
        out = null;
      }
    }
  }
  if (out !== null && filled > 0) yield emit(out.map((c) => c.slice(0, filled)));
}
