import { describe, expect, it } from 'vitest';
import { SELF_TILE, TILE_ROWS } from './distance-tiles.js';
import { crossRanges, selfRanges, type RowRange } from './work-split.js';

/** The ranges tile 0 .. n in order, each starting on a multiple of `step` (or empty). */
function expectContiguous(ranges: RowRange[], n: number, step: number): void {
  expect(ranges[0][0]).toBe(0);
  expect(ranges.at(-1)![1]).toBe(n);
  ranges.forEach(([from, to], i) => {
    expect(to).toBeGreaterThanOrEqual(from);
    if (i > 0) expect(from).toBe(ranges[i - 1][1]);
    if (from < to) expect(from % step).toBe(0);
  });
}

/** Pairs of the upper triangle (by SELF_TILE tiles) whose row block lies in [from, to). */
const pairs = ([from, to]: RowRange, n: number) => {
  let s = 0;
  for (let i0 = from; i0 < to; i0 += SELF_TILE) s += Math.min(SELF_TILE, n - i0) * (n - i0);
  return s;
};

describe('selfRanges', () => {
  it.each([[100_000, 2], [100_000, 3], [3001, 2], [3001, 5], [1000, 7]])('cuts %i rows into %i contiguous ranges of about equal pair counts', (n, parts) => {
    const ranges = selfRanges(n, parts);
    expect(ranges).toHaveLength(parts);
    expectContiguous(ranges, n, SELF_TILE);
    // each share is within one row block's cost (at most SELF_TILE x n pairs) of an equal share
    const total = pairs([0, n], n);
    for (const r of ranges) expect(Math.abs(pairs(r, n) - total / parts)).toBeLessThanOrEqual(SELF_TILE * n);
  });

  it('gives the first thread fewer rows: the first blocks of the triangle are the longest', () => {
    const [first] = selfRanges(100_000, 2);
    // equal halves of n^2 / 2 pairs: the first range ends near n (1 - 1/sqrt 2) = 29,289, on a block edge
    expect(Math.abs(first[1] - 100_000 * (1 - Math.SQRT1_2))).toBeLessThanOrEqual(SELF_TILE);
  });
});

describe('crossRanges', () => {
  it.each([[100_000, 2], [3001, 3], [100, 4]])('cuts %i rows into %i contiguous ranges on TILE_ROWS edges, as equal as the edges allow', (n, parts) => {
    const ranges = crossRanges(n, parts);
    expectContiguous(ranges, n, TILE_ROWS);
    for (const [from, to] of ranges) expect(Math.abs(to - from - n / parts)).toBeLessThanOrEqual(TILE_ROWS);
  });
});
