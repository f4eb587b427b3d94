import { countBalls, emptyBallCounts, type BallCounts } from './ball-counts.js';
import type { TileKernel, TileMatrix } from './distance-tiles.js';
import { kthNeighbourSquaredDistances } from './knn-radii.js';

/** Everything PRDC reads from the distances: squared k-NN radii of both samples and the ball counts. */
export interface PrdcCounts extends BallCounts {
  /** Squared distance of each reference event to its k-th nearest other reference event. */
  realR2: Float64Array;
  /** The same within the generated sample. */
  fakeR2: Float64Array;
}

/**
 * The radii and ball counts of a reference (real) and a generated (fake) sample in this thread: both
 * self passes, then one cross pass. `KnnThreads.prdcCounts` gives the same bits from worker threads.
 * @example const c = prdcCounts(tileMatrix(x, d), tileMatrix(y, d), 5); // c.count[j]: reference balls holding y_j
 */
export function prdcCounts(real: TileMatrix, fake: TileMatrix, k: number, kernel: TileKernel = 'auto'): PrdcCounts {
  const realR2 = kthNeighbourSquaredDistances(real, k, kernel);
  const fakeR2 = kthNeighbourSquaredDistances(fake, k, kernel);
  const counts = emptyBallCounts(real.n, fake.n);
  countBalls(real, fake, realR2, fakeR2, counts, kernel);
  return { realR2, fakeR2, ...counts };
}
