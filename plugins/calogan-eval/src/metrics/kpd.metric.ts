import { parseOrThrow, Rng, z } from '@hepuq/core';
import { assertComparable, type FeatureSample } from '../sample/feature-sample.js';
import { disjointBatches } from '../stats/batches.js';
import { halfWidth68, mean, median, sem } from '../stats/summary-stats.js';
import { mmdPolyUnbiased } from './mmd.js';
import { PLUGIN_NAME } from '../plugin-meta.js';

/** Degree p of the polynomial kernel (x.y/d + 1)^p (3 by default; JetNet uses 4). */
export const KpdDegree = z.number().int().min(1).max(8);
export const DEFAULT_KPD_DEGREE = 3;

export const KpdOptions = z
  .object({
    degree: KpdDegree.default(DEFAULT_KPD_DEGREE),
    batches: z.number().int().min(2).default(10),
    /** Events per batch and sample; default min(5000, n / batches), so batches are disjoint. */
    batchSize: z.number().int().min(2).optional(),
    algorithm: z.enum(['auto', 'moments', 'direct']).default('auto'),
    seed: z.number().int().default(1),
  })
  .strict();
export type KpdOptions = z.input<typeof KpdOptions>;

export interface KpdResult {
  /** Median of the per-batch unbiased MMD^2 (JetNet's KPD value). */
  value: number;
  /** Half the central 68% range of the batch values (JetNet's KPD error: the spread of one batch). */
  error: number;
  /** Mean over batches and its standard error: unbiased for MMD^2 of the two distributions. */
  mean: number;
  meanError: number;
  batchSize: number;
  degree: number;
  values: number[];
}

/**
 * Kernel physics distance (KPD, Kansal et al. 2211.10295): unbiased MMD^2 with the polynomial kernel
 * (x.y/d + 1)^degree on `batches` batches of `batchSize` events drawn without replacement from each
 * sample (disjoint while they fit, so the batch values are independent and each is an unbiased
 * estimate of the MMD^2 of the two distributions). Expects normalised features.
 * @example const { value, error, mean, meanError } = kpd(reference, generated, { degree: 3 });
 */
export function kpd(reference: FeatureSample, generated: FeatureSample, options: KpdOptions = {}): KpdResult {
  const opts = parseOrThrow(KpdOptions, options, { code: 'InvalidArgument', where: 'kpd options', plugin: PLUGIN_NAME });
  assertComparable(reference, generated, 2 * opts.batches, 'kpd');
  const nMin = Math.min(reference.n, generated.n);
  const batchSize = opts.batchSize ?? Math.min(5000, Math.floor(nMin / opts.batches));
  const rng = new Rng(opts.seed);
  const refBatches = disjointBatches(reference.n, opts.batches, batchSize, rng.fork('reference'));
  const genBatches = disjointBatches(generated.n, opts.batches, batchSize, rng.fork('generated'));
  const values = refBatches.map((rows, b) =>
    mmdPolyUnbiased(
      { data: reference.data, rows, weights: reference.weights },
      { data: generated.data, rows: genBatches[b], weights: generated.weights },
      reference.d,
      opts.degree,
      opts.algorithm,
    ),
  );
  return { value: median(values), error: halfWidth68(values), mean: mean(values), meanError: sem(values), batchSize, degree: opts.degree, values };
}
