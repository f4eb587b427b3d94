import { Rng } from '@hepuq/core';
import { describe, expect, it } from 'vitest';
import { forEachTile, forEachUpperTile, tileMatrix, TILE_COLS, TILE_ROWS, type TileKernel } from './distance-tiles.js';
import { simdDistanceModule } from './simd-distance.kernel.js';

/** Every visited tile entry by (i, j), from the visitor's (i0, rows, j0, cols, tile, stride). */
function collect(run: (visit: Parameters<typeof forEachTile>[2]) => void, na: number, nb: number): { values: Float64Array; seen: Uint8Array } {
  const values = new Float64Array(na * nb);
  const seen = new Uint8Array(na * nb);
  run((i0, rows, j0, cols, tile, stride) => {
    for (let r = 0; r < rows; r++) {
      for (let c = 0; c < cols; c++) {
        values[(i0 + r) * nb + j0 + c] = tile[r * stride + c];
        seen[(i0 + r) * nb + j0 + c]++;
      }
    }
  });
  return { values, seen };
}

describe('forEachTile', () => {
  const rng = new Rng(4);
  const d = 5;
  const na = TILE_ROWS + 7, nb = TILE_COLS + 3;
  const a = Float64Array.from({ length: na * d }, () => rng.normal());
  const b = Float64Array.from({ length: nb * d }, () => rng.normal(1));

  it.each<TileKernel>(['auto', 'js'])('visits every pair once with the exact squared distance, partial tiles included (%s kernel)', (kernel) => {
    const { values, seen } = collect((visit) => forEachTile(tileMatrix(a, d), tileMatrix(b, d), visit, kernel), na, nb);
    let maxErr = 0;
    for (let i = 0; i < na; i++) {
      for (let j = 0; j < nb; j++) {
        let s = 0;
        for (let t = 0; t < d; t++) s += (a[i * d + t] - b[j * d + t]) ** 2;
        maxErr = Math.max(maxErr, Math.abs(values[i * nb + j] - s));
      }
    }
    expect(maxErr).toBeLessThan(1e-10);
    expect(seen.every((v) => v === 1)).toBe(true);
  });

  it('gives the same bits with the WebAssembly SIMD kernel as with the JavaScript one (both passes)', () => {
    expect(simdDistanceModule()).not.toBeNull(); // Node >= 16 has WebAssembly SIMD: the fast path must be the one tested
    const [ta, tb] = [tileMatrix(a, d), tileMatrix(b, d)];
    const simd = collect((visit) => forEachTile(ta, tb, visit, 'auto'), na, nb);
    const js = collect((visit) => forEachTile(ta, tb, visit, 'js'), na, nb);
    expect(Buffer.from(simd.values.buffer).equals(Buffer.from(js.values.buffer))).toBe(true);
    const self = (kernel: TileKernel) => collect((visit) => forEachUpperTile(ta, visit, kernel), na, na);
    const [s1, s2] = [self('auto'), self('js')];
    expect(Buffer.from(s1.values.buffer).equals(Buffer.from(s2.values.buffer))).toBe(true);
    // upper triangle by square tiles: every pair with j >= i's tile seen once, none below the diagonal tiles
    expect(s1.seen[0 * na + (na - 1)]).toBe(1);
  });
});
