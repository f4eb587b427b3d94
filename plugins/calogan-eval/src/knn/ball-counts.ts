import { forEachTile, type TileKernel, type TileMatrix } from './distance-tiles.js';

/** What PRDC needs from the cross distances of a reference (real) and a generated (fake) sample. */
export interface BallCounts {
  /** Per generated event: reference balls holding it (|x_i - y_j|^2 < r_k(x_i)^2). */
  count: Int32Array;
  /** Per reference event: generated events inside its ball. */
  held: Int32Array;
  /** Per reference event: 1 if it lies inside some generated ball (|x_i - y_j|^2 < r_k(y_j)^2). */
  inFake: Uint8Array;
}

/** Zeroed counts for n reference and m generated events. */
export const emptyBallCounts = (n: number, m: number): BallCounts => ({ count: new Int32Array(m), held: new Int32Array(n), inFake: new Uint8Array(n) });

/**
 * Add the ball counts of reference rows rowFrom .. rowTo (a multiple of TILE_ROWS; default all)
 * against every generated event, from one pass over their squared distances and the squared k-NN
 * radii of both samples (strict <, prdc's convention). `held` and `inFake` are written for those
 * rows only; `count` is a sum over reference rows, so the counts of disjoint row ranges add up
 * exactly to those of one pass.
 */
export function countBalls(real: TileMatrix, fake: TileMatrix, realR2: Float64Array, fakeR2: Float64Array, out: BallCounts, kernel: TileKernel = 'auto', rowFrom = 0, rowTo = real.n): void {
  const { count, held, inFake } = out;
  forEachTile(real, fake, (i0, rows, j0, cols, tile, stride) => {
    for (let r = 0; r < rows; r++) {
      const i = i0 + r;
      const ri = realR2[i];
      let inside = 0;
      let covered = inFake[i];
      const to = r * stride;
      for (let c = 0; c < cols; c++) {
        const v = tile[to + c];
        if (v < ri) {
          count[j0 + c]++;
          inside++;
        }
        if (v < fakeR2[j0 + c]) covered = 1;
      }
      held[i] += inside;
      inFake[i] = covered;
    }
  }, kernel, rowFrom, rowTo);
}
