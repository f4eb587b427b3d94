/* eslint-disable no-loss-of-precision -- the published AS 241 coefficients are kept digit for digit */
import erfc from '@stdlib/math-base-special-erfc';

/** 1/sqrt(2 pi). */
const INV_SQRT_2PI = 0.3989422804014327;

/** Standard normal density phi(x) = exp(-x^2/2)/sqrt(2 pi). */
export function normalPdf(x: number): number {
  return INV_SQRT_2PI * Math.exp(-0.5 * x * x);
}

/**
 * Standard normal CDF Phi(x) = erfc(-x/sqrt 2)/2 (@stdlib erfc: relative accuracy ~1e-16, also deep in the tails).
 * @example normalCdf(1.959963984540054) // 0.975
 */
export function normalCdf(x: number): number {
  return 0.5 * erfc(-x * Math.SQRT1_2);
}

const A = [3.387132872796366608, 133.14166789178437745, 1971.5909503065514427, 13731.693765509461125,
  45921.953931549871457, 67265.770927008700853, 33430.575583588128105, 2509.0809287301226727];
const B = [1, 42.313330701600911252, 687.1870074920579083, 5394.1960214247511077,
  21213.794301586595867, 39307.89580009271061, 28729.085735721942674, 5226.495278852545925];
const C = [1.42343711074968357734, 4.6303378461565452959, 5.7694972214606914055, 3.64784832476320460504,
  1.27045825245236838258, 0.24178072517745061177, 0.0227238449892691845833, 7.7454501427834140764e-4];
const D = [1, 2.05319162663775882187, 1.6763848301838038494, 0.68976733498510000455,
  0.14810397642748007459, 0.0151986665636164571966, 5.475938084995344946e-4, 1.05075007164441684324e-9];
const E = [6.6579046435011037772, 5.4637849111641143699, 1.7848265399172913358, 0.29656057182850489123,
  0.026532189526576123093, 0.0012426609473880784386, 2.71155556874348757815e-5, 2.01033439929228813265e-7];
const F = [1, 0.59983220655588793769, 0.13692988092273580531, 0.0148753612908506148525,
  7.868691311456132591e-4, 1.8463183175100546818e-5, 1.4215117583164458887e-7, 2.04426310338993978564e-15];

function poly(c: readonly number[], x: number): number {
  let s = c[7];
  for (let k = 6; k >= 0; k--) s = s * x + c[k];
  return s;
}

/**
 * Standard normal quantile Phi^-1(p), relative error ~1e-16: Wichura, "Algorithm AS 241",
 * Appl. Statist. 37 (1988) 477 (PPND16). Hand-written because @stdlib's normal quantile (via erfinv)
 * is off by 2e-9 relative at p = 1e-10. Returns -Infinity / Infinity at p = 0 / 1, NaN outside [0, 1].
 * @example normalQuantile(0.975) // 1.959963984540054
 */
export function normalQuantile(p: number): number {
  if (!(p >= 0 && p <= 1)) return Number.NaN;
  if (p === 0) return -Infinity;
  if (p === 1) return Infinity;
  const q = p - 0.5;
  if (Math.abs(q) <= 0.425) {
    const r = 0.180625 - q * q;
    return (q * poly(A, r)) / poly(B, r);
  }
  let r = Math.sqrt(-Math.log(q < 0 ? p : 1 - p));
  let x: number;
  if (r <= 5) {
    r -= 1.6;
    x = poly(C, r) / poly(D, r);
  } else {
    r -= 5;
    x = poly(E, r) / poly(F, r);
  }
  return q < 0 ? -x : x;
}

/** Probability content of the central interval mu +- z sigma of a Gaussian: 2 Phi(|z|) - 1. */
export function centralProbability(z: number): number {
  return 1 - 2 * normalCdf(-Math.abs(z));
}

/** Half-width z of the central Gaussian interval with probability `level`: Phi^-1((1 + level)/2). */
export function centralQuantile(level: number): number {
  return normalQuantile(0.5 + 0.5 * level);
}

/** Probability content of +-1 sigma, 2 Phi(1) - 1 = 0.682689... (the `68` in `coverage_68`). */
export const ONE_SIGMA_LEVEL = centralProbability(1);
/** Probability content of +-2 sigma, 2 Phi(2) - 1 = 0.954499... (the `95` in `coverage_95`). */
export const TWO_SIGMA_LEVEL = centralProbability(2);
