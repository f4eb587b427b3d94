/** A block of rows: one Float32Array per column and the file-wide index of its first row. */
export interface ColumnBlock {
  columns: Float32Array[];
  firstRow: number;
}

/**
 * Regroup blocks of any size (row groups, clusters) into blocks of exactly `chunkSize` rows (the
 * last may be shorter). Holds at most one input block plus one output chunk.
 */
export async function* rechunk(blocks: AsyncIterable<ColumnBlock>, nColumns: number, chunkSize: number): AsyncGenerator<ColumnBlock> {
  let out: Float32Array[] | null = null;
  let filled = 0;
  let firstRow = 0;
  for await (const block of blocks) {
    const n = block.columns[0]?.length ?? 0;
    let at = 0;
    while (at < n) {
      if (out === null) {
        out = Array.from({ length: nColumns }, () => new Float32Array(chunkSize));
        filled = 0;
        firstRow = block.firstRow + at;
      }
      const take = Math.min(chunkSize - filled, n - at);
      for (let j = 0; j < nColumns; j++) out[j].set(block.columns[j].subarray(at, at + take), filled);
      filled += take;
      at += take;
      if (filled === chunkSize) {
        yield { columns: out, firstRow };
        out = null;
      }
    }
  }
  if (out !== null && filled > 0) yield { columns: out.map((c) => c.slice(0, filled)), firstRow };
}
