import { Rng } from '@hepuq/core';
import { describe, expect, it } from 'vitest';
import { tileMatrix } from './distance-tiles.js';
import { kthNeighbourSquaredDistances } from './knn-radii.js';

describe('kthNeighbourSquaredDistances', () => {
  it('matches a sort of every row of the full distance matrix across several (partial) tiles, duplicates included', () => {
    const rng = new Rng(2);
    const n = 601, d = 3, k = 4;
    const x = Float64Array.from({ length: n * d }, () => rng.normal());
    // a few exact duplicates: they are each other's neighbours at distance 0
    x.copyWithin(10 * d, 20 * d, 21 * d);
    x.copyWithin(400 * d, 20 * d, 21 * d);
    const fast = kthNeighbourSquaredDistances(tileMatrix(x, d), k);
    for (let i = 0; i < n; i++) {
      const dist: number[] = [];
      for (let j = 0; j < n; j++) {
        if (j === i) continue;
        let s = 0;
        for (let t = 0; t < d; t++) s += (x[i * d + t] - x[j * d + t]) ** 2;
        dist.push(s);
      }
      dist.sort((a, b) => a - b);
      expect(fast[i]).toBeCloseTo(dist[k - 1], 10);
    }
  });

  it('rejects k outside 1 <= k < n', () => {
    expect(() => kthNeighbourSquaredDistances(tileMatrix(new Float64Array([0, 1, 2]), 1), 3)).toThrow(/1 <= k < n/);
  });
});
