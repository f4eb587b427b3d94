import erfc from '@stdlib/math-base-special-erfc';
import gammaln from '@stdlib/math-base-special-gammaln';

/** Standard normal CDF Phi(x) = erfc(-x / sqrt 2) / 2, accurate in relative terms deep in the lower tail. */
export function normalCdf(x: number): number {
  return 0.5 * erfc(-x / Math.SQRT2);
}

/** x log y with the convention 0 log y = 0 (also for y = 0), as scipy.special.xlogy. */
export function xlogy(x: number, y: number): number {
  return x === 0 ? 0 : x * Math.log(y);
}

/** log Gamma(x), from @stdlib (used for the Poisson normalisation log n!). */
export function logGamma(x: number): number {
  return gammaln(x);
}

/**
 * Poisson log-density continued to real n: n log(lam) - lam - log Gamma(n + 1), the form pyhf and
 * RooFit use so that Asimov (non-integer) data have a likelihood.
 * @example poissonLogPdf(3, 2.5) // ≈ -1.4636
 */
export function poissonLogPdf(n: number, lam: number): number {
  return xlogy(n, lam) - lam - gammaln(n + 1);
}

const HALF_LOG_2PI = 0.5 * Math.log(2 * Math.PI);

/**
 * Normal log-density log N(x | mean, sigma) = -((x - mean)/sigma)^2 / 2 - log sigma - log(2 pi) / 2.
 * @example normalLogPdf(1, 0, 1) // ≈ -1.4189
 */
export function normalLogPdf(x: number, mean: number, sigma: number): number {
  const z = (x - mean) / sigma;
  return -0.5 * z * z - Math.log(sigma) - HALF_LOG_2PI;
}
