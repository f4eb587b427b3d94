import { forEachUpperTile, SELF_TILE, type TileKernel, type TileMatrix } from './distance-tiles.js';

/** Insert v into the ascending buffer best[o .. o + k) if it beats the current k-th value. */
function insert(best: Float64Array, o: number, k: number, v: number): void {
  let p = k - 1;
  while (p > 0 && best[o + p - 1] > v) {
    best[o + p] = best[o + p - 1];
    p--;
  }
  best[o + p] = v;
}

/** k best (smallest) squared distances per row of an n-row matrix, ascending: n x k, all Infinity. */
export const emptyBest = (n: number, k: number): Float64Array<ArrayBuffer> => new Float64Array(n * k).fill(Infinity);

/**
 * Fold the upper-triangle tiles of row blocks rowFrom .. rowTo of m's self-distance matrix (see
 * `forEachUpperTile`) into `best` (n x k, ascending per row): each pair updates both of its rows, the
 * point itself excluded by index. Over all row blocks `best` ends as each row's k smallest distances
 * to the other rows; over a part, as the k smallest among the pairs of that part, and the k smallest
 * of the parts' k smallest (`mergeBest`) are the same values.
 */
export function foldUpperTiles(m: TileMatrix, k: number, best: Float64Array, kernel: TileKernel = 'auto', rowFrom = 0, rowTo = m.n): void {
  // the k-th best so far of each column point of the tile, so both rows of a pair update in one row-major pass
  const colWorst = new Float64Array(SELF_TILE);
  forEachUpperTile(m, (i0, rows, j0, cols, tile, stride) => {
    const diagonal = i0 === j0;
    for (let c = 0; c < cols; c++) colWorst[c] = best[(j0 + c) * k + k - 1];
    for (let r = 0; r < rows; r++) {
      const o = (i0 + r) * k;
      let worst = best[o + k - 1];
      const to = r * stride;
      if (diagonal) {
        // a diagonal tile holds both orders of each pair: the row pass alone sees every neighbour
        for (let c = 0; c < cols; c++) {
          const v = tile[to + c];
          if (v < worst && c !== r) {
            insert(best, o, k, v);
            worst = best[o + k - 1];
          }
        }
        continue;
      }
      for (let c = 0; c < cols; c++) {
        const v = tile[to + c];
        if (v < worst) {
          insert(best, o, k, v);
          worst = best[o + k - 1];
        }
        if (v < colWorst[c]) {
          const oc = (j0 + c) * k;
          insert(best, oc, k, v);
          colWorst[c] = best[oc + k - 1];
        }
      }
    }
  }, kernel, rowFrom, rowTo);
}

/**
 * The k-th smallest value per row of the union of several n x k best buffers (each ascending per
 * row), written to `out`: the k-th neighbour distance of a self pass split into parts. Which part saw a pair does not
 * change which values are the k smallest, so the result is that of one unsplit pass, bit for bit.
 * @example mergeBest([bestOfPart1, bestOfPart2], n, k) // equals kthOfBest of one pass over all blocks
 */
export function mergeBest(parts: readonly Float64Array[], n: number, k: number, out = new Float64Array(n)): Float64Array {
  const row = new Float64Array(k);
  for (let i = 0; i < n; i++) {
    const o = i * k;
    row.set(parts[0].subarray(o, o + k));
    for (let p = 1; p < parts.length; p++) {
      const part = parts[p];
      // each part is ascending: once a value does not beat the k-th, the rest of that part cannot
      for (let q = 0; q < k && part[o + q] < row[k - 1]; q++) insert(row, 0, k, part[o + q]);
    }
    out[i] = row[k - 1];
  }
  return out;
}
