import { HepuqError, parseOrThrow, Rng, z } from '@hepuq/core';
import { PLUGIN_NAME } from '../plugin-meta.js';
import { assertComparable, type FeatureSample } from '../sample/feature-sample.js';
import { disjointBatches } from '../stats/batches.js';
import { mean, sem, std } from '../stats/summary-stats.js';
import { prdcBatch, type PrdcValues } from './prdc-batch.js';

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

/** Binomial standard error sqrt(p (1 - p) / n_eff) of a fraction. */
const binomialError = (p: number, nEff: number) => Math.sqrt(Math.max(0, p * (1 - p)) / nEff);

/**
 * Precision/recall/density/coverage (Naeem et al. 2002.09797; see `prdcBatch`) on the full samples by
 * default — prdc's `compute_prdc(real, fake, k)` on all events of both, whatever their sizes — with
 * errors from that one evaluation: binomial sqrt(p(1-p)/n_eff) with the Kish effective size of the
 * generated sample for precision and of the reference for recall and coverage, the per-event spread
 * of the ball counts for density. With `batchSize` (or `batches`) the samples are cut into disjoint
 * batches (exact k-NN costs O(n m d), so this bounds the time): value = mean over batches,
 * error = their spread, meanError = spread / sqrt(batches). Expects normalised features.
 * @example const { precision, recall, density, coverage } = prdc(reference, generated, { k: 5 });
 */
export function prdc(reference: FeatureSample, generated: FeatureSample, options: PrdcOptions = {}): PrdcResult {
  const opts = parseOrThrow(PrdcOptions, options, { code: 'InvalidArgument', where: 'prdc options', plugin: PLUGIN_NAME, hint: HINT });
  assertComparable(reference, generated, 0, 'prdc');
  const { refSize, genSize, batches } = prdcPlan(reference.n, generated.n, opts);
  const rng = new Rng(opts.seed);
  const rb = batchRows(reference.n, batches, refSize, rng.fork('reference'));
  const gb = batchRows(generated.n, batches, genSize, rng.fork('generated'));
  const runs = rb.map((rows, b) => prdcBatch(reference, rows, generated, gb[b], opts.k));
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
