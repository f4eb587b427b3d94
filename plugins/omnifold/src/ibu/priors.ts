import { ibuError } from './ibu-error.js';

/** numpy.allclose(sum, 1) with its default tolerances (atol 1e-8, rtol 1e-5): pyunfold's test that a prior is normalised. */
const PRIOR_SUM_TOLERANCE = 1e-8 + 1e-5;

/**
 * Uniform prior P(C_mu) = 1 / n_C (pyunfold's default).
 * @example uniformPrior(4) // Float64Array [0.25, 0.25, 0.25, 0.25]
 */
export function uniformPrior(nCauses: number): Float64Array {
  return new Float64Array(nCauses).fill(1 / nCauses);
}

/**
 * Jeffreys' prior P(C_mu) = 1 / (ln(C_max / C_min) C_mu), normalised to sum 1 — Jeffreys, Proc. R.
 * Soc. A 186 (1946) 453; pyunfold's `jeffreys_prior(causes)`, where `causeLim` holds the cause value
 * of each bin (pyunfold's docs call it `cause_lim`). Values must be positive and not all equal.
 * @example jeffreysPrior([1, 2, 3, 4]) // Float64Array [0.48, 0.24, 0.16, 0.12]
 */
export function jeffreysPrior(causeLim: ArrayLike<number>, where = 'cause_lim'): Float64Array {
  let min = Infinity;
  let max = -Infinity;
  for (let j = 0; j < causeLim.length; j++) {
    const c = causeLim[j];
    if (!(c > 0)) {
      throw ibuError('InvalidArgument', `${where}[${j}] is ${c}: Jeffreys' prior 1/(ln(Cmax/Cmin) C) needs positive cause values`, 'Give the cause value of each bin (e.g. the bin centres) on a positive scale.');
    }
    min = Math.min(min, c);
    max = Math.max(max, c);
  }
  const lnFactor = Math.log(max / min);
  if (!(lnFactor > 0)) {
    throw ibuError('InvalidArgument', `${where}: every value is ${min}, so ln(Cmax/Cmin) = 0 and Jeffreys' prior is undefined`, 'Give the cause value of each bin (e.g. the bin centres), or use a uniform prior.');
  }
  const prior = Float64Array.from(causeLim, (c) => 1 / (lnFactor * c));
  const sum = prior.reduce((a, b) => a + b, 0);
  return prior.map((p) => p / sum);
}

/**
 * Check a user prior as pyunfold does: one probability per cause bin, none negative, summing to 1
 * within numpy.allclose's tolerance. Errors name the entry.
 * @example checkPrior([0.34, 0.66], 2) // Float64Array [0.34, 0.66]
 */
export function checkPrior(prior: ArrayLike<number>, nCauses: number, where = 'prior'): Float64Array {
  if (prior.length !== nCauses) {
    throw ibuError('ShapeMismatch', `${where} has ${prior.length} entries but the response has ${nCauses} cause bins (columns)`, 'Give one prior probability per cause bin.');
  }
  let sum = 0;
  for (let j = 0; j < prior.length; j++) {
    if (prior[j] < 0) throw ibuError('InvalidArgument', `${where}[${j}] is ${prior[j]}: prior probabilities cannot be negative`);
    sum += prior[j];
  }
  if (!(Math.abs(sum - 1) <= PRIOR_SUM_TOLERANCE)) {
    throw ibuError('InvalidArgument', `${where} sums to ${sum}, not 1: it holds the probability of each cause bin`, 'Normalise the prior (divide by its sum).');
  }
  return Float64Array.from(prior);
}

/**
 * The initial prior probabilities of an IBU problem: uniform when `prior` is absent or null, Jeffreys' on
 * `cause_lim` for `"jeffreys"`, else the given array (checked).
 * @example initialPrior({ prior: 'jeffreys', cause_lim: [0.5, 1.5] }, 2) // Float64Array [0.75, 0.25]
 */
export function initialPrior(settings: { prior?: number[] | 'jeffreys' | null; cause_lim?: number[] }, nCauses: number, where = 'ibu problem'): Float64Array {
  if (settings.prior === undefined || settings.prior === null) return uniformPrior(nCauses);
  if (settings.prior === 'jeffreys') {
    const limits = settings.cause_lim ?? [];
    if (limits.length !== nCauses) {
      throw ibuError('ShapeMismatch', `${where}: cause_lim has ${limits.length} entries but the response has ${nCauses} cause bins (columns)`, 'Give one cause value per cause bin (e.g. the bin centres).');
    }
    return jeffreysPrior(limits, `${where}: cause_lim`);
  }
  return checkPrior(settings.prior, nCauses, `${where}: prior`);
}
