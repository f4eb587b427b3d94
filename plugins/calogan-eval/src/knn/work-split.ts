import { SELF_TILE, TILE_ROWS } from './distance-tiles.js';

/** A half-open row range [from, to). */
export type RowRange = readonly [from: number, to: number];

/**
 * `parts` contiguous ranges of the rows of a cross pass (n rows against a whole sample), cut at
 * multiples of TILE_ROWS so every thread visits exactly the tiles one pass would, as equal as that allows.
 * @example crossRanges(1000, 2) // [[0, 512], [512, 1000]]
 */
export function crossRanges(n: number, parts: number): RowRange[] {
  const blocks = Math.ceil(n / TILE_ROWS);
  return Array.from({ length: parts }, (_, p): RowRange => {
    const at = (q: number) => Math.min(n, Math.round((blocks * q) / parts) * TILE_ROWS);
    return [at(p), at(p + 1)];
  });
}

/**
 * `parts` contiguous ranges of the row blocks of a self pass over n rows (upper triangle by
 * SELF_TILE x SELF_TILE tiles), cut so each holds about the same number of pairs: block b of the
 * triangle costs (rows of b) x (n - first row of b), so the first blocks are the dearest. Ranges
 * start at multiples of SELF_TILE and may be empty when there are fewer blocks than parts.
 * @example selfRanges(100_000, 2) // the first range ends near n (1 - 1/sqrt 2), not at n / 2
 */
export function selfRanges(n: number, parts: number): RowRange[] {
  const blocks = Math.ceil(n / SELF_TILE);
  const cost = (b: number) => Math.min(SELF_TILE, n - b * SELF_TILE) * (n - b * SELF_TILE);
  let total = 0;
  for (let b = 0; b < blocks; b++) total += cost(b);
  const ranges: RowRange[] = [];
  let b = 0, sum = 0;
  for (let p = 0; p < parts; p++) {
    const from = b;
    const target = (total * (p + 1)) / parts;
    // add blocks while that brings the running sum closer to this part's share
    while (b < blocks && (p === parts - 1 || Math.abs(sum + cost(b) - target) <= Math.abs(sum - target))) sum += cost(b++);
    ranges.push([Math.min(n, from * SELF_TILE), Math.min(n, b * SELF_TILE)]);
  }
  return ranges;
}
