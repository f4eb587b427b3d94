import { forEachTile, tileMatrix } from '../knn/distance-tiles.js';
import { kthNeighbourSquaredDistances } from '../knn/knn-radii.js';
import type { FeatureSample } from '../sample/feature-sample.js';

export interface PrdcValues {
  precision: number;
  recall: number;
  density: number;
  coverage: number;
  /** Standard error of the density from the spread of the per-event ball counts. */
  densityError: number;
  /** Kish effective sizes (sum w)^2 / sum w^2 of the evaluated events (their counts when unweighted). */
  nEffReference: number;
  nEffGenerated: number;
}

/** Sum of weights and of squared weights of rows `rows` (unit weights when the sample has none). */
function weightSums(s: FeatureSample, rows: ArrayLike<number>): { sw: number; sw2: number } {
  if (!s.weights) return { sw: rows.length, sw2: rows.length };
  let sw = 0, sw2 = 0;
  for (let r = 0; r < rows.length; r++) {
    const w = s.weights[rows[r]];
    sw += w;
    sw2 += w * w;
  }
  return { sw, sw2 };
}

/**
 * Precision, recall, density and coverage of rows `refRows` of the reference against rows `genRows`
 * of the generated sample (any two sizes) with exact k-NN balls — Kynkaanniemi et al. 1904.06991
 * (P, R), Naeem et al. 2002.09797 (D, C), the strict inequalities of their `prdc` code
 * (`compute_prdc(real, fake, nearest_k)`): B(x, r) = {y : |y - x| < r}, r_k(x) the distance to the
 * k-th nearest other point of x's own sample; precision = fraction of generated events inside some
 * reference ball, recall = fraction of reference events inside some generated ball, density = (1/k) x
 * mean number of reference balls containing a generated event, coverage = fraction of reference
 * events whose ball contains a generated event (prdc's `min distance < radius`, the same test).
 * Averages over events use the event weights (of the generated sample for P, D; of the reference for
 * R, C); the balls themselves are unweighted.
 * @example const all = (n: number) => Int32Array.from({ length: n }, (_, i) => i); prdcBatch(ref, all(ref.n), gen, all(gen.n), 5);
 */
export function prdcBatch(reference: FeatureSample, refRows: ArrayLike<number>, generated: FeatureSample, genRows: ArrayLike<number>, k: number): PrdcValues {
  const { d } = reference;
  // centre on the reference mean: distances are unchanged and the norm expansion stays accurate
  const centre = new Float64Array(d);
  for (let r = 0; r < refRows.length; r++) for (let j = 0; j < d; j++) centre[j] += reference.data[refRows[r] * d + j] / refRows.length;
  const real = tileMatrix(reference.data, d, refRows, centre);
  const fake = tileMatrix(generated.data, d, genRows, centre);
  const realR2 = kthNeighbourSquaredDistances(real, k);
  const fakeR2 = kthNeighbourSquaredDistances(fake, k);
  // count[j]: reference balls holding generated event j; held[i]: generated events in reference ball i
  const count = new Int32Array(fake.n);
  const held = new Int32Array(real.n);
  const inFake = new Uint8Array(real.n);
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
  });
  const wOf = (s: FeatureSample, rows: ArrayLike<number>, r: number) => (s.weights ? s.weights[rows[r]] : 1);
  const gen = weightSums(generated, genRows);
  let p = 0, dens = 0, dens2 = 0;
  for (let j = 0; j < fake.n; j++) {
    const w = wOf(generated, genRows, j);
    p += w * (count[j] > 0 ? 1 : 0);
    dens += w * count[j];
    dens2 += w * count[j] * count[j];
  }
  const densVar = Math.max(0, dens2 / gen.sw - (dens / gen.sw) ** 2) / (k * k);
  const ref = weightSums(reference, refRows);
  let rec = 0, cov = 0;
  for (let i = 0; i < real.n; i++) {
    const w = wOf(reference, refRows, i);
    rec += w * inFake[i];
    cov += w * (held[i] > 0 ? 1 : 0);
  }
  return {
    precision: p / gen.sw,
    recall: rec / ref.sw,
    density: dens / (k * gen.sw),
    coverage: cov / ref.sw,
    densityError: Math.sqrt((densVar * gen.sw2) / (gen.sw * gen.sw)),
    nEffReference: (ref.sw * ref.sw) / ref.sw2,
    nEffGenerated: (gen.sw * gen.sw) / gen.sw2,
  };
}
