import { parseOrThrow, z } from '@hepuq/core';
import { PLUGIN_NAME } from '../plugin-meta.js';
import { bumpFitError } from './bump-fit-error.js';
import { countingSignificance } from './counting-significance.js';
import { DIJET_FUNCTIONS, dijetParamCount, type DijetFunction } from './dijet-function.js';
import { fitDijet, type FitMethod } from './fit-dijet.js';
import { sortSpectrum, type SpectrumBins } from './spectrum-bins.js';

export interface BumpFitOptions {
  /** Signal region: first and last bin, 0-based, inclusive, counted in mass order (after sorting by `low`). */
  sr: [number, number];
  /** Background function; default dijet3. */
  function?: DijetFunction;
  /** Centre-of-mass energy in GeV, x = m/sqrtS; default 13000. */
  sqrtS?: number;
  /** Weighted least squares with sigma = sqrt(N + 1) (default, as the CWoLa-hunting analysis) or a Poisson likelihood. */
  fit?: FitMethod;
  /** Levenberg-Marquardt steps before the fit counts as failed; default 200. */
  maxIterations?: number;
}

/** Every value of the fit; bins in mass order. Returned only for a converged fit (`converged` is always true). */
export interface BumpFitResult {
  function: DijetFunction;
  fit: FitMethod;
  /** p1..pk of the dijet function, p1 in counts per bin. */
  fit_params: number[];
  fit_errors: number[];
  covariance: number[][];
  /** lsq: sum (N - f)^2/(N + 1) over the sidebands; poisson: the deviance. */
  chi2: number;
  ndf: number;
  converged: boolean;
  iterations: number;
  sr: [number, number];
  /** GeV: low edge of the first SR bin, high edge of the last. */
  sr_range: [number, number];
  /** Events in the SR. */
  observed: number;
  /** Fitted background in the SR, with uncertainty `sigma_b` from the fit covariance. */
  expected: number;
  sigma_b: number;
  mu_hat: number;
  z: number;
  p0: number;
  /** Fitted f per bin (also in the SR, where it is the interpolation). */
  background: number[];
  centres: number[];
  counts: number[];
  low: number[];
  high: number[];
}

const Options = z.object({
  sr: z.tuple([z.number().int(), z.number().int()]),
  function: z.enum(DIJET_FUNCTIONS).default('dijet3'),
  sqrtS: z.number().positive().default(13000),
  fit: z.enum(['lsq', 'poisson']).default('lsq'),
  maxIterations: z.number().int().positive().default(200),
}).strict();

function checkSr([first, last]: [number, number], nBins: number, k: number, source: string): void {
  const hint = `Give sr as [first, last] bin indices, 0-based in mass order, with 1 <= first <= last <= ${nBins - 2}: the SR needs sideband bins on both sides.`;
  if (first > last) throw bumpFitError('InvalidArgument', `${source}: sr [${first}, ${last}] is reversed`, hint);
  if (first < 0 || last >= nBins) throw bumpFitError('InvalidArgument', `${source}: sr [${first}, ${last}] is outside the ${nBins} bins (indices 0..${nBins - 1})`, hint);
  if (first === 0 || last === nBins - 1) {
    throw bumpFitError('InvalidArgument', `${source}: sr [${first}, ${last}] is at the edge of the spectrum (bins 0..${nBins - 1}): no sideband ${first === 0 ? 'below' : 'above'} it`, hint);
  }
  const nFit = nBins - (last - first + 1);
  if (nFit < k + 1) {
    throw bumpFitError('InvalidArgument', `${source}: ${nFit} sideband bins for ${k} parameters; the fit needs at least ${k + 1}`, 'Use a finer binning, a narrower SR, or --function dijet3.');
  }
}

/**
 * The CWoLa-hunting bump fit (Collins, Howe, Nachman 1805.02664 and 1902.02634): fit a dijet function
 * to the bins outside the signal region, predict the SR background b +- sigma_b (fit covariance
 * propagated to the SR sum) and test the SR count for an excess (`countingSignificance`). Bins may
 * come in any order; they are sorted by mass first and `sr` counts in that order. `source` starts
 * every error message (the command passes the file).
 * @example const r = bumpFit({ low, high, counts }, { sr: [15, 17] }); console.log(r.z, r.p0)
 */
export function bumpFit(bins: SpectrumBins, options: BumpFitOptions, source = 'bump fit'): BumpFitResult {
  const o = parseOrThrow(Options, options, { code: 'InvalidArgument', where: `${source} options`, plugin: PLUGIN_NAME });
  const spectrum = sortSpectrum(bins, o.sqrtS, source);
  const nBins = spectrum.counts.length;
  const k = dijetParamCount(o.function);
  const [first, last] = o.sr;
  checkSr(o.sr, nBins, k, source);
  const inSr = (i: number) => i >= first && i <= last;
  const side = Array.from({ length: nBins }, (_, i) => i).filter((i) => !inSr(i));
  const sideCounts = Float64Array.from(side, (i) => spectrum.counts[i]);
  if (sideCounts.every((c) => c === 0)) {
    throw bumpFitError('EmptyDataset', `${source}: all ${side.length} sideband bins are empty`, 'There is nothing to fit the background to: provide a spectrum with events outside the SR.');
  }
  const fit = fitDijet(o.function, o.fit, Float64Array.from(side, (i) => spectrum.x[i]), sideCounts, o.maxIterations, source);
  const all = fit.sum(spectrum.x);
  const sr = fit.sum(spectrum.x.subarray(first, last + 1));
  const observed = spectrum.counts.subarray(first, last + 1).reduce((a, b) => a + b, 0);
  const test = countingSignificance(observed, sr.value, sr.sigma);
  return {
    function: o.function,
    fit: o.fit,
    fit_params: fit.params,
    fit_errors: fit.covariance.map((row, i) => Math.sqrt(row[i])),
    covariance: fit.covariance,
    chi2: fit.chi2,
    ndf: fit.ndf,
    converged: true,
    iterations: fit.iterations,
    sr: [first, last],
    sr_range: [spectrum.low[first], spectrum.high[last]],
    observed,
    expected: sr.value,
    sigma_b: sr.sigma,
    ...test,
    background: Array.from(all.values),
    centres: Array.from(spectrum.centres),
    counts: Array.from(spectrum.counts),
    low: Array.from(spectrum.low),
    high: Array.from(spectrum.high),
  };
}
