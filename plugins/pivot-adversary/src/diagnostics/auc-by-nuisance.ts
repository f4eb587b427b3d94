import { HepuqError, parseOrThrow, Rng, z } from '@hepuq/core';
import { aucFromRanked, equalMassBins, normalCdf, normalPdf, poissonBootstrapStd, rankEvents } from '@hepuq/stats';

/** Options of `aucByNuisance`. */
export const AucByNuisanceOptions = z
  .object({
    /** Equal-population bins in z (weighted quantiles) when z is continuous and no `edges` are given. */
    bins: z.number().int().min(1).max(1000).default(5),
    /** Explicit increasing bin edges [e_0, ..., e_B]; bins are [e_b, e_{b+1}), the last one closed; events outside are left out. */
    edges: z.array(z.number().finite()).min(2).optional(),
    /** z with at most this many distinct values is discrete: one bin per value. */
    maxDiscrete: z.number().int().min(1).default(10),
    /** Poisson-bootstrap replicas for each bin's error, and their seed. */
    bootstrap: z.number().int().min(2).max(10_000).default(100),
    seed: z.number().int().min(0).default(0),
  })
  .strict()
  .superRefine((o, ctx) => {
    o.edges?.forEach((e, i) => {
      if (i > 0 && !(e > o.edges![i - 1])) ctx.addIssue({ code: 'custom', message: 'edges must increase strictly', path: ['edges', i] });
    });
  });
export type AucByNuisanceOptions = z.input<typeof AucByNuisanceOptions>;

/** One z bin: its range (for a discrete value low = high), the weighted AUC there and its bootstrap error. */
export interface NuisanceBin {
  low: number;
  high: number;
  value: number;
  error: number;
  /** Events in the bin. */
  n: number;
}

/** Bin index per event (-1: outside the edges) and each bin's [low, high]. */
function assignBins(zv: Float32Array, w: Float32Array, o: z.infer<typeof AucByNuisanceOptions>): { bin: Int32Array; ranges: [number, number][] } {
  const distinct = [...new Set(zv)].sort((a, b) => a - b);
  if (o.edges === undefined && distinct.length <= o.maxDiscrete) {
    const index = new Map(distinct.map((v, k) => [v, k]));
    return { bin: Int32Array.from(zv, (v) => index.get(v)!), ranges: distinct.map((v) => [v, v]) };
  }
  if (o.edges !== undefined) {
    const e = o.edges;
    const last = e.length - 2;
    const bin = Int32Array.from(zv, (v) => {
      if (v < e[0] || v > e[last + 1]) return -1;
      let b = 0;
      while (b < last && v >= e[b + 1]) b++;
      return b;
    });
    return { bin, ranges: e.slice(0, -1).map((lo, b) => [lo, e[b + 1]]) };
  }
  const bin = equalMassBins(zv, w, o.bins);
  const lo = new Float64Array(o.bins).fill(Infinity);
  const hi = new Float64Array(o.bins).fill(-Infinity);
  bin.forEach((b, i) => {
    lo[b] = Math.min(lo[b], zv[i]);
    hi[b] = Math.max(hi[b], zv[i]);
  });
  return { bin, ranges: Array.from(lo, (l, b): [number, number] => [l, hi[b]]) };
}

/**
 * Weighted AUC in bins of a nuisance z with Poisson-bootstrap errors (AUC in the Mann-Whitney form of
 * @hepuq/stats `aucFromRanked`; Hand & Till 2001): a pivotal classifier has the same AUC in every bin.
 * Bins: one per value for discrete z (<= `maxDiscrete` distinct values), explicit `edges`, or `bins`
 * weighted-quantile bins (low/high = the smallest and largest z in the bin). A bin without both classes has
 * value and error NaN.
 * @example flatness(aucByNuisance(prob, label, weights, ds.nuisances.z, { bins: 5 }))
 */
export function aucByNuisance(prob: Float32Array, label: Float32Array, weights: Float32Array, zv: Float32Array, opts: AucByNuisanceOptions = {}): NuisanceBin[] {
  const o = parseOrThrow(AucByNuisanceOptions, opts, { code: 'InvalidArgument', where: 'aucByNuisance options' });
  const n = prob.length;
  if (label.length !== n || weights.length !== n || zv.length !== n) {
    throw new HepuqError('ShapeMismatch', `aucByNuisance: prob has ${n} entries, label ${label.length}, weights ${weights.length}, z ${zv.length}; they must match`);
  }
  const { bin, ranges } = assignBins(zv, weights, o);
  const rng = new Rng(o.seed);
  return ranges.map(([low, high], b) => {
    const idx: number[] = [];
    for (let i = 0; i < n; i++) if (bin[i] === b) idx.push(i);
    const pick = (col: Float32Array) => Float32Array.from(idx, (i) => col[i]);
    const lab = pick(label);
    const hasBoth = lab.includes(1) && lab.some((l) => l !== 1);
    if (!hasBoth) return { low, high, value: Number.NaN, error: Number.NaN, n: idx.length };
    const ranked = rankEvents(pick(prob), lab, pick(weights));
    const value = aucFromRanked(ranked);
    const error = poissonBootstrapStd(idx.length, o.bootstrap, rng.fork(`bin-${b}`), (k) => aucFromRanked(ranked, k));
    return { low, high, value, error, n: idx.length };
  });
}

/**
 * Upper tail Q(chi2 | k) of the chi-square distribution for integer k, in closed form (Abramowitz & Stegun
 * 26.4.4-5): even k: e^{-x/2} sum_{r < k/2} (x/2)^r / r!; odd k: 2 (1 - Phi(sqrt x)) + 2 phi(sqrt x) sum_{r=1}^{(k-1)/2} x^{r - 1/2} / (1 3 ... (2r - 1)).
 * @example chi2Survival(3.841458820694124, 1) // 0.05
 */
export function chi2Survival(x: number, k: number): number {
  if (!Number.isInteger(k) || k < 1) throw new HepuqError('InvalidArgument', `chi2Survival: degrees of freedom must be a positive integer, got ${k}`);
  if (!(x > 0)) return 1;
  let sum = 0;
  if (k % 2 === 0) {
    let term = 1;
    for (let r = 0; r < k / 2; r++) {
      sum += term;
      term *= x / 2 / (r + 1);
    }
    return Math.min(1, Math.exp(-x / 2) * sum);
  }
  const root = Math.sqrt(x);
  let term = root;
  for (let r = 1; r <= (k - 1) / 2; r++) {
    sum += term;
    term *= x / (2 * r + 1);
  }
  return Math.min(1, 2 * normalCdf(-root) + 2 * normalPdf(root) * sum);
}

/**
 * Flatness of binned values: chi2 = sum_b (v_b - vbar)^2 / e_b^2 about the inverse-variance weighted mean vbar,
 * ndf = (bins used) - 1, p = Q(chi2 | ndf) (bins are disjoint event sets, hence independent). Bins with a
 * non-finite value or a non-positive error are skipped.
 * @example const { chi2, ndf, pValue } = flatness(aucByNuisance(prob, label, w, z));
 */
export function flatness(bins: readonly Pick<NuisanceBin, 'value' | 'error'>[]): { chi2: number; ndf: number; pValue: number; mean: number; meanError: number } {
  const used = bins.filter((b) => Number.isFinite(b.value) && b.error > 0);
  if (used.length < 2) {
    throw new HepuqError('InvalidArgument', `flatness: needs at least 2 bins with a finite value and a positive error, got ${used.length}`, {
      hint: 'Use more bins, or more events per bin, so that every bin holds both classes.',
    });
  }
  let sw = 0;
  let swv = 0;
  for (const b of used) {
    sw += 1 / (b.error * b.error);
    swv += b.value / (b.error * b.error);
  }
  const mean = swv / sw;
  const chi2 = used.reduce((s, b) => s + ((b.value - mean) / b.error) ** 2, 0);
  const ndf = used.length - 1;
  return { chi2, ndf, pValue: chi2Survival(chi2, ndf), mean, meanError: 1 / Math.sqrt(sw) };
}
