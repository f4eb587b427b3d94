import { parseOrThrow, Rng, z } from '@hepuq/core';
import { forEachTile, tileMatrix } from '../knn/distance-tiles.js';
import { kthNeighbourSquaredDistances } from '../knn/knn-radii.js';
import { assertComparable, type FeatureSample } from '../sample/feature-sample.js';
import { disjointBatches } from '../stats/batches.js';
import { mean, sem, std } from '../stats/summary-stats.js';
import { PLUGIN_NAME } from '../plugin-meta.js';

export const PrdcOptions = z
  .object({
    /** Neighbours defining each k-NN ball (Naeem et al. recommend 5). */
    k: z.number().int().min(1).default(5),
    /** Events per batch and sample; default min(10000, n). */
    batchSize: z.number().int().min(2).optional(),
    /** Batches; default min(5, n / batchSize), disjoint. */
    batches: z.number().int().min(1).optional(),
    seed: z.number().int().default(1),
  })
  .strict();
export type PrdcOptions = z.input<typeof PrdcOptions>;

export interface PrdcValues {
  precision: number;
  recall: number;
  density: number;
  coverage: number;
  /** Standard error of the density from the spread of the per-event ball counts. */
  densityError: number;
}

export type PrdcMetricValue = { value: number; error: number; meanError: number };

export interface PrdcResult {
  precision: PrdcMetricValue;
  recall: PrdcMetricValue;
  density: PrdcMetricValue;
  coverage: PrdcMetricValue;
  k: number;
  batchSize: number;
  batches: number;
}

/**
 * Precision, recall, density and coverage of one batch with exact k-NN balls — Kynkaanniemi et al.
 * 1904.06991 (P, R), Naeem et al. 2002.09797 (D, C), same strict inequalities as their `prdc` code:
 * B(x, r) = {y : |y - x| < r}, r_k(x) the distance to the k-th nearest other point of x's own sample;
 * precision = fraction of generated events inside some reference ball, recall = fraction of reference
 * events inside some generated ball, density = (1/k) x mean number of reference balls containing a
 * generated event, coverage = fraction of reference events whose ball contains a generated event.
 * Averages over events use the event weights (of the generated sample for P, D; of the reference for
 * R, C); the balls themselves are unweighted.
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
  const inReal = new Uint8Array(fake.n);
  const count = new Int32Array(fake.n);
  const inFake = new Uint8Array(real.n);
  const nearest = new Float64Array(real.n).fill(Infinity);
  forEachTile(real, fake, (i0, rows, j0, cols, tile) => {
    for (let r = 0; r < rows; r++) {
      const i = i0 + r;
      const ri = realR2[i];
      let near = nearest[i];
      let covered = inFake[i];
      const to = r * cols;
      for (let c = 0; c < cols; c++) {
        const v = tile[to + c];
        const j = j0 + c;
        if (v < ri) {
          inReal[j] = 1;
          count[j]++;
        }
        if (v < fakeR2[j]) covered = 1;
        if (v < near) near = v;
      }
      nearest[i] = near;
      inFake[i] = covered;
    }
  });
  const wOf = (s: FeatureSample, rows: ArrayLike<number>, r: number) => (s.weights ? s.weights[rows[r]] : 1);
  let swF = 0, swF2 = 0, p = 0, dens = 0, dens2 = 0;
  for (let j = 0; j < fake.n; j++) {
    const w = wOf(generated, genRows, j);
    swF += w;
    swF2 += w * w;
    p += w * inReal[j];
    dens += w * count[j];
    dens2 += w * count[j] * count[j];
  }
  const densVar = Math.max(0, dens2 / swF - (dens / swF) ** 2) / (k * k);
  let swR = 0, rec = 0, cov = 0;
  for (let i = 0; i < real.n; i++) {
    const w = wOf(reference, refRows, i);
    swR += w;
    rec += w * inFake[i];
    cov += w * (nearest[i] < realR2[i] ? 1 : 0);
  }
  return {
    precision: p / swF,
    recall: rec / swR,
    density: dens / (k * swF),
    coverage: cov / swR,
    densityError: Math.sqrt((densVar * swF2) / (swF * swF)),
  };
}

/**
 * Precision/recall/density/coverage on disjoint batches (exact k-NN cost grows as batchSize^2 d):
 * value = mean over batches, error = spread over batches (with one batch: the binomial error
 * sqrt(p(1-p)/n); for density the standard error from the per-event ball counts).
 * Expects normalised features (distances mix the features).
 * @example const { precision, recall, density, coverage } = prdc(reference, generated, { k: 5 });
 */
export function prdc(reference: FeatureSample, generated: FeatureSample, options: PrdcOptions = {}): PrdcResult {
  const opts = parseOrThrow(PrdcOptions, options, { code: 'InvalidArgument', where: 'prdc options', plugin: PLUGIN_NAME });
  assertComparable(reference, generated, opts.k + 2, 'prdc');
  const nMin = Math.min(reference.n, generated.n);
  const batchSize = Math.min(opts.batchSize ?? 10000, nMin);
  const batches = opts.batches ?? Math.max(1, Math.min(5, Math.floor(nMin / batchSize)));
  const rng = new Rng(opts.seed);
  const rb = disjointBatches(reference.n, batches, batchSize, rng.fork('reference'));
  const gb = disjointBatches(generated.n, batches, batchSize, rng.fork('generated'));
  const runs = rb.map((rows, b) => prdcBatch(reference, rows, generated, gb[b], opts.k));
  const summarise = (key: Exclude<keyof PrdcValues, 'densityError'>): PrdcMetricValue => {
    const v = runs.map((r) => r[key]);
    const m = mean(v);
    if (v.length >= 2) return { value: m, error: std(v), meanError: sem(v) };
    const single = key === 'density' ? runs[0].densityError : Math.sqrt((m * (1 - m)) / batchSize);
    return { value: m, error: single, meanError: single };
  };
  return { precision: summarise('precision'), recall: summarise('recall'), density: summarise('density'), coverage: summarise('coverage'), k: opts.k, batchSize, batches };
}
