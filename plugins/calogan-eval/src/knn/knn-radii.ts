import { HepuqError } from '@hepuq/core';
import { PLUGIN_NAME } from '../plugin-meta.js';
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

/**
 * Squared distance from every row of `m` to its k-th nearest neighbour among the other rows (the
 * point itself excluded by index, so duplicates count as neighbours at distance 0), exact, by a
 * blocked brute-force pass over the upper triangle of the distance matrix (each pair computed once,
 * both rows updated) keeping the k smallest per row in a sorted buffer: O(n^2 d / 2) time, O(n k)
 * memory. Same convention as prdc's `compute_nearest_neighbour_distances` (k + 1 smallest including self).
 * @example const r2 = kthNeighbourSquaredDistances(tileMatrix(x, d), 5);
 */
export function kthNeighbourSquaredDistances(m: TileMatrix, k: number, kernel: TileKernel = 'auto'): Float64Array {
  if (!Number.isInteger(k) || k < 1 || k >= m.n) {
    throw new HepuqError('InvalidArgument', `k-nearest neighbours need 1 <= k < n, got k=${k} for n=${m.n}`, {
      plugin: PLUGIN_NAME,
      hint: 'Every point needs k other points of its own sample: lower k or give more events.',
    });
  }
  const best = new Float64Array(m.n * k).fill(Infinity);
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
  }, kernel);
  const out = new Float64Array(m.n);
  for (let i = 0; i < m.n; i++) out[i] = best[i * k + k - 1];
  return out;
}
