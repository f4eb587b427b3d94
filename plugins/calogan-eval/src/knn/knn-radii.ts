import { HepuqError } from '@hepuq/core';
import { PLUGIN_NAME } from '../plugin-meta.js';
import type { TileKernel, TileMatrix } from './distance-tiles.js';
import { emptyBest, foldUpperTiles, mergeBest } from './k-best.js';

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
  const best = emptyBest(m.n, k);
  foldUpperTiles(m, k, best, kernel);
  return mergeBest([best], m.n, k);
}
