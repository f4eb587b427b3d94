import { tileMatrix, type TileMatrix } from '../knn/distance-tiles.js';
import { prdcCounts, type PrdcCounts } from '../knn/prdc-counts.js';
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
 * The tile matrices of one batch — rows `refRows` of the reference (real) and `genRows` of the
 * generated sample (fake) — centred on the batch's reference mean (distances are unchanged and the
 * norm expansion stays accurate), their arrays from `alloc` (see `tileMatrix`).
 */
export function batchMatrices(reference: FeatureSample, refRows: ArrayLike<number>, generated: FeatureSample, genRows: ArrayLike<number>, alloc?: (length: number) => Float64Array): { real: TileMatrix; fake: TileMatrix } {
  const { d } = reference;
  const centre = new Float64Array(d);
  for (let r = 0; r < refRows.length; r++) for (let j = 0; j < d; j++) centre[j] += reference.data[refRows[r] * d + j] / refRows.length;
  return { real: tileMatrix(reference.data, d, refRows, centre, alloc), fake: tileMatrix(generated.data, d, genRows, centre, alloc) };
}

/**
 * Precision, recall, density and coverage from a batch's ball counts (see `prdcBatch`): the
 * weighted averages over events and their one-evaluation errors.
 */
export function prdcValues(counts: PrdcCounts, reference: FeatureSample, refRows: ArrayLike<number>, generated: FeatureSample, genRows: ArrayLike<number>, k: number): PrdcValues {
  const { count, inFake, held } = counts;
  const wOf = (s: FeatureSample, rows: ArrayLike<number>, r: number) => (s.weights ? s.weights[rows[r]] : 1);
  const gen = weightSums(generated, genRows);
  let p = 0, dens = 0, dens2 = 0;
  for (let j = 0; j < genRows.length; j++) {
    const w = wOf(generated, genRows, j);
    p += w * (count[j] > 0 ? 1 : 0);
    dens += w * count[j];
    dens2 += w * count[j] * count[j];
  }
  const densVar = Math.max(0, dens2 / gen.sw - (dens / gen.sw) ** 2) / (k * k);
  const ref = weightSums(reference, refRows);
  let rec = 0, cov = 0;
  for (let i = 0; i < refRows.length; i++) {
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
 * R, C); the balls themselves are unweighted. Computed in this thread (`prdc` spreads the distance
 * work over worker threads, with the same result).
 * @example const all = (n: number) => Int32Array.from({ length: n }, (_, i) => i); prdcBatch(ref, all(ref.n), gen, all(gen.n), 5);
 */
export function prdcBatch(reference: FeatureSample, refRows: ArrayLike<number>, generated: FeatureSample, genRows: ArrayLike<number>, k: number): PrdcValues {
  const { real, fake } = batchMatrices(reference, refRows, generated, genRows);
  return prdcValues(prdcCounts(real, fake, k), reference, refRows, generated, genRows, k);
}
