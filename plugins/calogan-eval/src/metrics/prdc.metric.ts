import { availableParallelism } from 'node:os';
import { HepuqError, parseOrThrow, Rng, z } from '@hepuq/core';
import { TILE_ROWS } from '../knn/distance-tiles.js';
import { KnnThreads, prdcInterrupted } from '../knn/knn-threads.js';
import { prdcCounts, type PrdcCounts } from '../knn/prdc-counts.js';
import { PLUGIN_NAME } from '../plugin-meta.js';
import { assertComparable, type FeatureSample } from '../sample/feature-sample.js';
import { disjointBatches } from '../stats/batches.js';
import { mean, sem, std } from '../stats/summary-stats.js';
import { batchMatrices, prdcValues, type PrdcValues } from './prdc-batch.js';

export const PrdcOptions = z
  .object({
    /** Neighbours defining each k-NN ball (Naeem et al. recommend 5). */
    k: z.number().int().min(1).default(5),
    /** Events per batch in each sample, capped by that sample's size; unset: the full samples (prdc's definition). */
    batchSize: z.number().int().min(2).optional(),
    /** Disjoint batches; default min(5, n / batchSize) with batchSize, else 1. Alone it splits each sample into this many parts. */
    batches: z.number().int().min(1).optional(),
    /** Seed of the batch draws (the full-sample default draws nothing). */
    seed: z.number().int().default(1),
    /**
     * Threads for the distances: 1 computes them in the calling thread; unset, the available cores
     * (os.availableParallelism()) for batches big enough to repay starting threads. Every value gives the same bits.
     */
    threads: z.number().int().min(1).optional(),
  })
  .strict();
export type PrdcOptions = z.input<typeof PrdcOptions>;

export type PrdcMetricValue = { value: number; error: number; meanError: number };

export interface PrdcResult {
  precision: PrdcMetricValue;
  recall: PrdcMetricValue;
  density: PrdcMetricValue;
  coverage: PrdcMetricValue;
  k: number;
  /** Reference events per evaluation: the whole reference sample by default. */
  batchSize: number;
  /** Generated events per evaluation: the whole generated sample by default. */
  generatedBatchSize: number;
  /** Evaluations averaged: 1 (the full samples) by default. */
  batches: number;
  /** True when the one evaluation used every event of both samples (the default). */
  fullSamples: boolean;
}

/**
 * What PRDC was evaluated on, for tables and logs.
 * @example prdcEvents(result.prdc) // 'full samples, 5000 x 4000 events' or '5 batches of 1000 x 1000 events'
 */
export function prdcEvents(p: Pick<PrdcResult, 'batchSize' | 'generatedBatchSize' | 'batches' | 'fullSamples'>): string {
  const sizes = `${p.batchSize} x ${p.generatedBatchSize} events`;
  return p.fullSamples ? `full samples, ${sizes}` : `${p.batches} batch${p.batches === 1 ? '' : 'es'} of ${sizes}`;
}

const HINT = 'PRDC needs k >= 1 neighbours and more than k events per batch in each sample; batchSize (--prdc-batch) >= 2 events, or unset for the full samples.';

/**
 * Events per batch in each sample and the number of batches (see `PrdcOptions`); throws when a batch
 * would hold no more than k events of either sample.
 * @example prdcPlan(5000, 4000, PrdcOptions.parse({})) // { refSize: 5000, genSize: 4000, batches: 1 }
 */
export function prdcPlan(nRef: number, nGen: number, opts: z.output<typeof PrdcOptions>): { refSize: number; genSize: number; batches: number } {
  let plan: { refSize: number; genSize: number; batches: number };
  if (opts.batchSize !== undefined) {
    const refSize = Math.min(opts.batchSize, nRef), genSize = Math.min(opts.batchSize, nGen);
    plan = { refSize, genSize, batches: opts.batches ?? Math.max(1, Math.min(5, Math.floor(Math.min(nRef / refSize, nGen / genSize)))) };
  } else {
    const batches = opts.batches ?? 1;
    plan = { refSize: Math.floor(nRef / batches), genSize: Math.floor(nGen / batches), batches };
  }
  if (plan.refSize <= opts.k || plan.genSize <= opts.k) {
    throw new HepuqError('InvalidArgument', `prdc: k = ${opts.k} needs more than ${opts.k} events per batch in each sample, got ${plan.refSize} reference and ${plan.genSize} generated events per batch`, { plugin: PLUGIN_NAME, hint: HINT });
  }
  return plan;
}

/** The rows of each batch: all rows in order when one batch covers the sample, else disjoint random batches. */
function batchRows(n: number, batches: number, size: number, rng: Rng): Int32Array[] {
  return batches === 1 && size === n ? [Int32Array.from({ length: n }, (_, i) => i)] : disjointBatches(n, batches, size, rng);
}

/**
 * Pair-dimensions ((n^2 + m^2) / 2 + n m) x d of a batch below which the default computes in the
 * calling thread: about 0.1 s of distances, less than starting threads costs.
 */
const MIN_THREADED_WORK = 1e8;

/**
 * Threads for batches of n reference and m generated events in d dimensions (see `PrdcOptions.threads`):
 * never more than the reference has row tiles to share out.
 * @example prdcThreads(100_000, 100_000, 20, {}) // os.availableParallelism()
 */
export function prdcThreads(n: number, m: number, d: number, threads: number | undefined): number {
  const most = Math.ceil(n / TILE_ROWS);
  if (threads !== undefined) return Math.min(threads, most);
  const work = ((n * n + m * m) / 2 + n * m) * d;
  return work < MIN_THREADED_WORK ? 1 : Math.max(1, Math.min(availableParallelism(), most));
}

/** Binomial standard error sqrt(p (1 - p) / n_eff) of a fraction. */
const binomialError = (p: number, nEff: number) => Math.sqrt(Math.max(0, p * (1 - p)) / nEff);

/**
 * Precision/recall/density/coverage (Naeem et al. 2002.09797; see `prdcBatch`) on the full samples by
 * default — prdc's `compute_prdc(real, fake, k)` on all events of both, whatever their sizes — with
 * errors from that one evaluation: binomial sqrt(p(1-p)/n_eff) with the Kish effective size of the
 * generated sample for precision and of the reference for recall and coverage, the per-event spread
 * of the ball counts for density. With `batchSize` (or `batches`) the samples are cut into disjoint
 * batches (exact k-NN costs O(n m d), so this bounds the time): value = mean over batches,
 * error = their spread, meanError = spread / sqrt(batches). Expects normalised features. The
 * distances run on `threads` worker threads (see `KnnThreads`), with the numbers of one thread bit
 * for bit; an abort of `env.signal` stops them (`Interrupted`).
 * @example const { precision, recall, density, coverage } = await prdc(reference, generated, { k: 5 });
 */
export async function prdc(reference: FeatureSample, generated: FeatureSample, options: PrdcOptions = {}, env: { signal?: AbortSignal } = {}): Promise<PrdcResult> {
  const opts = parseOrThrow(PrdcOptions, options, { code: 'InvalidArgument', where: 'prdc options', plugin: PLUGIN_NAME, hint: HINT });
  assertComparable(reference, generated, 0, 'prdc');
  const { refSize, genSize, batches } = prdcPlan(reference.n, generated.n, opts);
  const rng = new Rng(opts.seed);
  const rb = batchRows(reference.n, batches, refSize, rng.fork('reference'));
  const gb = batchRows(generated.n, batches, genSize, rng.fork('generated'));
  const threads = prdcThreads(refSize, genSize, reference.d, opts.threads);
  const pool = threads > 1 ? new KnnThreads(threads, env.signal) : null;
  const runs: PrdcValues[] = [];
  try {
    for (let b = 0; b < batches; b++) {
      if (env.signal?.aborted) throw prdcInterrupted();
      const build = (alloc?: (length: number) => Float64Array) => batchMatrices(reference, rb[b], generated, gb[b], alloc);
      let counts: PrdcCounts;
      if (pool) counts = await pool.prdcCounts({ n: rb[b].length, m: gb[b].length, d: reference.d }, opts.k, build);
      else {
        const { real, fake } = build();
        counts = prdcCounts(real, fake, opts.k);
      }
      runs.push(prdcValues(counts, reference, rb[b], generated, gb[b], opts.k));
    }
  } finally {
    await pool?.close();
  }
  const single: Record<Exclude<keyof PrdcValues, 'densityError' | 'nEffReference' | 'nEffGenerated'>, (r: PrdcValues) => number> = {
    precision: (r) => binomialError(r.precision, r.nEffGenerated),
    recall: (r) => binomialError(r.recall, r.nEffReference),
    coverage: (r) => binomialError(r.coverage, r.nEffReference),
    density: (r) => r.densityError,
  };
  const summarise = (key: keyof typeof single): PrdcMetricValue => {
    const v = runs.map((r) => r[key]);
    if (v.length >= 2) return { value: mean(v), error: std(v), meanError: sem(v) };
    const error = single[key](runs[0]);
    return { value: v[0], error, meanError: error };
  };
  return {
    precision: summarise('precision'),
    recall: summarise('recall'),
    density: summarise('density'),
    coverage: summarise('coverage'),
    k: opts.k,
    batchSize: refSize,
    generatedBatchSize: genSize,
    batches,
    fullSamples: batches === 1 && refSize === reference.n && genSize === generated.n,
  };
}
