import { Rng } from '@hepuq/core';
import { describe, expect, it } from 'vitest';
import { forEachTile, tileMatrix, TILE_COLS, TILE_ROWS } from './distance-tiles.js';

describe('forEachTile', () => {
  it('visits every pair once with the exact squared distance, partial tiles included', () => {
    const rng = new Rng(4);
    const d = 5;
    const na = TILE_ROWS + 7, nb = TILE_COLS + 3;
    const a = Float64Array.from({ length: na * d }, () => rng.normal());
    const b = Float64Array.from({ length: nb * d }, () => rng.normal(1));
    const seen = new Uint8Array(na * nb);
    let maxErr = 0;
    forEachTile(tileMatrix(a, d), tileMatrix(b, d), (i0, rows, j0, cols, tile) => {
      for (let r = 0; r < rows; r++) {
        for (let c = 0; c < cols; c++) {
          const i = i0 + r, j = j0 + c;
          let s = 0;
          for (let t = 0; t < d; t++) s += (a[i * d + t] - b[j * d + t]) ** 2;
          maxErr = Math.max(maxErr, Math.abs(tile[r * cols + c] - s));
          seen[i * nb + j]++;
        }
      }
    });
    expect(maxErr).toBeLessThan(1e-10);
    expect(seen.every((v) => v === 1)).toBe(true);
  });
});
