/** Concatenate per-chunk column blocks into one Float32Array per column. */
export function concatColumns(blocks: readonly Float32Array[][], nColumns: number): Float32Array[] {
  const out: Float32Array[] = [];
  for (let j = 0; j < nColumns; j++) {
    const total = blocks.reduce((s, b) => s + b[j].length, 0);
    const col = new Float32Array(total);
    let at = 0;
    for (const b of blocks) {
      col.set(b[j], at);
      at += b[j].length;
    }
    out.push(col);
  }
  return out;
}
