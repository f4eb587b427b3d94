import { argsort } from '@hepuq/stats';
import { parseOrThrow, Rng, z } from '@hepuq/core';
import { assertComparable, type FeatureSample } from '../sample/feature-sample.js';
import { disjointBatches } from '../stats/batches.js';
import { mean, sem, std } from '../stats/summary-stats.js';
import { PLUGIN_NAME } from '../plugin-meta.js';

/** Values sorted ascending with their weights carried along (unit weights when absent). */
function sortWeighted(values: Float64Array, weights?: Float64Array): { x: Float64Array; w: Float64Array | null } {
  if (!weights) return { x: Float64Array.from(values).sort(), w: null };
  const idx = argsort(values);
  const x = new Float64Array(values.length);
  const w = new Float64Array(values.length);
  idx.forEach((i, r) => {
    x[r] = values[i];
    // a CDF needs non-negative mass: negative MC weights count as zero here
    w[r] = Math.max(0, weights[i]);
  });
  return { x, w };
}

/**
 * Exact 1-D Wasserstein-1 distance W1 = integral |F_a(x) - F_b(x)| dx between two weighted empirical
 * distributions, from the merged sorted values (as scipy.stats.wasserstein_distance; Ramdas et al.
 * 1509.02237). Weights are normalised per sample; negative weights count as 0.
 * @example wasserstein1(new Float64Array([0, 1]), new Float64Array([1, 2])) // 1
 */
export function wasserstein1(a: Float64Array, b: Float64Array, wa?: Float64Array, wb?: Float64Array): number {
  const sa = sortWeighted(a, wa);
  const sb = sortWeighted(b, wb);
  let totA = 0;
  let totB = 0;
  if (sa.w) for (const w of sa.w) totA += w;
  else totA = a.length;
  if (sb.w) for (const w of sb.w) totB += w;
  else totB = b.length;
  let i = 0, j = 0, fa = 0, fb = 0, w1 = 0;
  let prev = Math.min(sa.x[0], sb.x[0]);
  while (i < sa.x.length || j < sb.x.length) {
    const next = j >= sb.x.length || (i < sa.x.length && sa.x[i] <= sb.x[j]) ? sa.x[i] : sb.x[j];
    w1 += Math.abs(fa - fb) * (next - prev);
    while (i < sa.x.length && sa.x[i] === next) fa += (sa.w ? sa.w[i++] : (i++, 1)) / totA;
    while (j < sb.x.length && sb.x[j] === next) fb += (sb.w ? sb.w[j++] : (j++, 1)) / totB;
    prev = next;
  }
  return w1;
}

export const W1Options = z
  .object({
    batches: z.number().int().min(2).default(5),
    /** Events per batch and sample; default n / batches (disjoint batches). */
    batchSize: z.number().int().min(2).optional(),
    seed: z.number().int().default(1),
  })
  .strict();
export type W1Options = z.input<typeof W1Options>;

export interface W1Feature {
  feature: string;
  /** Mean over batches (JetNet's w1 convention), in the units of the (normalised) features. */
  value: number;
  /** Standard deviation over batches (the batch spread). */
  error: number;
  meanError: number;
}

export interface W1Result {
  features: W1Feature[];
  /** The per-batch average over features, mean and spread over batches: the one-number "bulk" score. */
  mean: { value: number; error: number; meanError: number };
  /**
   * The same average between pairs of disjoint reference batches (b, b + 1): what a perfect generator
   * would score at this batch size (W1 of finite samples is never 0), mean and standard error.
   */
  noiseFloor: { value: number; meanError: number };
  batchSize: number;
}

/**
 * Wasserstein-1 distance of every marginal, on `batches` disjoint batches of `batchSize` events per
 * sample (Kansal et al. 2211.10295, JetNet `w1p`/`w1m`): value = mean over batches, error = spread.
 * W1 of finite samples is biased upwards (~ n^-1/2), so compare generators at equal batch size.
 * @example const { features, mean } = w1Marginals(reference, generated, { batches: 5 });
 */
export function w1Marginals(reference: FeatureSample, generated: FeatureSample, options: W1Options = {}): W1Result {
  const opts = parseOrThrow(W1Options, options, { code: 'InvalidArgument', where: 'w1 options', plugin: PLUGIN_NAME });
  assertComparable(reference, generated, 2 * opts.batches, 'w1');
  const { d } = reference;
  const batchSize = opts.batchSize ?? Math.floor(Math.min(reference.n, generated.n) / opts.batches);
  const rng = new Rng(opts.seed);
  const rb = disjointBatches(reference.n, opts.batches, batchSize, rng.fork('reference'));
  const gb = disjointBatches(generated.n, opts.batches, batchSize, rng.fork('generated'));
  const perFeature = Array.from({ length: d }, () => new Float64Array(opts.batches));
  const column = (s: FeatureSample, rows: Int32Array, j: number) => {
    const out = new Float64Array(rows.length);
    for (let r = 0; r < rows.length; r++) out[r] = s.data[rows[r] * d + j];
    return out;
  };
  const pick = (w: Float64Array | undefined, rows: Int32Array) => (w ? Float64Array.from(rows, (i) => w[i]) : undefined);
  for (let b = 0; b < opts.batches; b++) {
    const wr = pick(reference.weights, rb[b]);
    const wg = pick(generated.weights, gb[b]);
    for (let j = 0; j < d; j++) perFeature[j][b] = wasserstein1(column(reference, rb[b], j), column(generated, gb[b], j), wr, wg);
  }
  const batchMeans = Float64Array.from({ length: opts.batches }, (_, b) => mean(perFeature.map((v) => v[b])));
  const nullMeans = Float64Array.from({ length: opts.batches }, (_, b) => {
    const c = (b + 1) % opts.batches;
    const w1 = new Float64Array(d);
    for (let j = 0; j < d; j++) w1[j] = wasserstein1(column(reference, rb[b], j), column(reference, rb[c], j), pick(reference.weights, rb[b]), pick(reference.weights, rb[c]));
    return mean(w1);
  });
  return {
    features: perFeature.map((v, j) => ({ feature: reference.names[j], value: mean(v), error: std(v), meanError: sem(v) })),
    mean: { value: mean(batchMeans), error: std(batchMeans), meanError: sem(batchMeans) },
    noiseFloor: { value: mean(nullMeans), meanError: sem(nullMeans) },
    batchSize,
  };
}
