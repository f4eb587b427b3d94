import { HepuqError, parseOrThrow, Rng, z } from '@hepuq/core';
import { MomentSums } from '../linalg/weighted-moments.js';
import { PLUGIN_NAME } from '../plugin-meta.js';
import { assertComparable, type FeatureSample } from '../sample/feature-sample.js';
import { drawDistinct } from '../stats/batches.js';
import { fitLine } from '../stats/linear-fit.js';
import { mean, sem, std } from '../stats/summary-stats.js';
import { frechetDistance } from './frechet-distance.js';

export const FpdOptions = z
  .object({
    /** Smallest batch size (events per sample); default max(10 (d + 2), n / 10). */
    minSamples: z.number().int().positive().optional(),
    /** Largest batch size; default n / 2 with n the smaller sample. */
    maxSamples: z.number().int().positive().optional(),
    /** Batch sizes, equally spaced in 1/N. */
    points: z.number().int().min(3).default(10),
    /** Batches averaged per batch size. */
    batches: z.number().int().min(2).default(20),
    /** Bootstrap replicates of both samples for the error (0: the fit error only). */
    bootstrap: z.number().int().min(0).default(20),
    seed: z.number().int().default(1),
  })
  .strict();
export type FpdOptions = z.input<typeof FpdOptions>;

/** One batch size of the extrapolation: x = <1/N_eff> and the mean FD of the batches at that size. */
export interface FpdPoint {
  n: number;
  invN: number;
  mean: number;
  sem: number;
}

export interface FpdResult {
  /** FPD_inf, the intercept of FD(N) = FD_inf + b / N. */
  value: number;
  /** Bootstrap standard deviation of FPD_inf (the fit error when bootstrap = 0). */
  error: number;
  fitError: number;
  bootstrapError: number | null;
  slope: number;
  chi2: number;
  ndf: number;
  points: FpdPoint[];
}

/** Per-chunk moment sums of a sample split into chunks of `c` events after a seeded shuffle. */
function chunkSums(sample: FeatureSample, c: number, rng: Rng): MomentSums[] {
  const perm = rng.permutation(sample.n);
  const k = Math.floor(sample.n / c);
  const chunks: MomentSums[] = [];
  for (let b = 0; b < k; b++) {
    const sums = new MomentSums(sample.d);
    for (let r = b * c; r < (b + 1) * c; r++) {
      const i = perm[r];
      sums.addRow(sample.data, i * sample.d, sample.weights ? sample.weights[i] : 1);
    }
    chunks.push(sums);
  }
  return chunks;
}

/** Mean FD at each batch size (in chunks), batches drawn without replacement, and the 1/N fit. */
function extrapolate(ref: MomentSums[], gen: MomentSums[], counts: number[], c: number, batches: number, rng: Rng) {
  const d = ref[0].d;
  const scratchR = Int32Array.from(ref.keys());
  const scratchG = Int32Array.from(gen.keys());
  const accR = new MomentSums(d);
  const accG = new MomentSums(d);
  const points: FpdPoint[] = counts.map((k) => {
    const values = new Float64Array(batches);
    let invN = 0;
    for (let b = 0; b < batches; b++) {
      accR.reset();
      accG.reset();
      for (const i of drawDistinct(scratchR, k, rng)) accR.addSums(ref[i]);
      for (const i of drawDistinct(scratchG, k, rng)) accG.addSums(gen[i]);
      const mr = accR.moments();
      const mg = accG.moments();
      values[b] = frechetDistance(mr.mean, mr.cov, mg.mean, mg.cov);
      invN += (1 / mr.nEff + 1 / mg.nEff) / 2;
    }
    return { n: k * c, invN: invN / batches, mean: mean(values), sem: sem(values) };
  });
  const fit = fitLine(points.map((p) => p.invN), points.map((p) => p.mean), points.map((p) => p.sem));
  return { points, fit };
}

/**
 * Frechet physics distance extrapolated to infinite sample size, FPD_inf: FD(N) is measured on
 * batches of N events from each sample at `points` batch sizes equally spaced in 1/N and fitted with
 * FD(N) = FD_inf + b/N (Chong & Forsyth 1911.07023; Kansal et al. 2211.10295, JetNet's `fpd`).
 * Unlike JetNet, batches are drawn WITHOUT replacement: the finite-population term then cancels the
 * O(1/n) bias of the samples themselves, so FPD_inf is unbiased for two samples of one distribution
 * (JetNet's with-replacement batches extrapolate to the distance between the two empirical samples).
 * Events are grouped into shuffled chunks whose moment sums add up, so a batch costs O(chunks d^2).
 * The error is the standard deviation over `bootstrap` replicates (chunks resampled with
 * replacement), which includes the sample-to-sample fluctuation the fit error alone misses.
 * Expects normalised features (see `normaliseSamples`).
 * @example const { value, error } = fpdInfinity(reference, generated, { seed: 1 });
 */
export function fpdInfinity(reference: FeatureSample, generated: FeatureSample, options: FpdOptions = {}): FpdResult {
  const opts = parseOrThrow(FpdOptions, options, { code: 'InvalidArgument', where: 'fpd options', plugin: PLUGIN_NAME });
  const d = reference.d;
  assertComparable(reference, generated, 20 * (d + 2), 'fpd');
  const nMin = Math.min(reference.n, generated.n);
  const maxSamples = opts.maxSamples ?? Math.floor(nMin / 2);
  const minSamples = opts.minSamples ?? Math.max(10 * (d + 2), Math.floor(nMin / 10));
  if (!(minSamples < maxSamples) || maxSamples > nMin || minSamples <= d + 1) {
    throw new HepuqError('InvalidArgument', `fpd: need ${d + 1} < minSamples < maxSamples <= ${nMin} events, got minSamples=${minSamples}, maxSamples=${maxSamples}`, { plugin: PLUGIN_NAME });
  }
  // chunk size: a tenth of the smallest batch, so batch sizes are resolved to 10%
  const c = Math.max(1, Math.floor(minSamples / 10));
  const counts = [...new Set(Array.from({ length: opts.points }, (_, j) => {
    const inv = 1 / minSamples + (j / (opts.points - 1)) * (1 / maxSamples - 1 / minSamples);
    // at most every chunk of the smaller sample (maxSamples = n is allowed: one batch is then the whole sample)
    return Math.min(Math.floor(nMin / c), Math.max(1, Math.round(1 / inv / c)));
  }))];
  if (counts.length < 3) throw new HepuqError('InvalidArgument', `fpd: batch sizes ${minSamples}..${maxSamples} give fewer than 3 distinct points`, { plugin: PLUGIN_NAME });
  const rng = new Rng(opts.seed);
  const ref = chunkSums(reference, c, rng.fork('reference'));
  const gen = chunkSums(generated, c, rng.fork('generated'));
  const { points, fit } = extrapolate(ref, gen, counts, c, opts.batches, rng.fork('batches'));
  let bootstrapError: number | null = null;
  if (opts.bootstrap >= 2) {
    const boot = rng.fork('bootstrap');
    const values = new Float64Array(opts.bootstrap);
    for (let b = 0; b < opts.bootstrap; b++) {
      const r = Array.from(ref, () => ref[boot.int(ref.length)]);
      const g = Array.from(gen, () => gen[boot.int(gen.length)]);
      values[b] = extrapolate(r, g, counts, c, opts.batches, boot).fit.intercept;
    }
    bootstrapError = std(values);
  }
  return {
    value: fit.intercept,
    error: bootstrapError ?? fit.interceptError,
    fitError: fit.interceptError,
    bootstrapError,
    slope: fit.slope,
    chi2: fit.chi2,
    ndf: fit.ndf,
    points,
  };
}
