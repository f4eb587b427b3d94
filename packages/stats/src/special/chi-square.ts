import erfc from '@stdlib/math-base-special-erfc';

/** log Gamma(1/2) = log sqrt(pi). */
const LOG_GAMMA_HALF = 0.5 * Math.log(Math.PI);

/**
 * Upper-tail probability of a chi-square with integer `ndf`: P(X >= chi2) = Q(ndf/2, chi2/2), summed in
 * closed form, term by term in log space (no underflow for chi2 in the thousands) — Abramowitz & Stegun
 * 26.4.4 (odd ndf: erfc(sqrt(chi2/2)) + sum_{j<(ndf-1)/2} e^-x x^(j+1/2)/Gamma(j+3/2)) and 26.4.5 (even
 * ndf: sum_{j<ndf/2} e^-x x^j/j!), x = chi2/2. O(ndf) per call. NaN for ndf not a positive integer.
 * @example chiSquareSurvival(3.841458820694124, 1) // 0.05
 */
export function chiSquareSurvival(chi2: number, ndf: number): number {
  if (!Number.isInteger(ndf) || ndf < 1 || Number.isNaN(chi2)) return Number.NaN;
  if (chi2 <= 0) return 1;
  if (chi2 === Infinity) return 0;
  const x = chi2 / 2;
  const logX = Math.log(x);
  const even = ndf % 2 === 0;
  // term j: exp(-x + (j + s) log x - log Gamma(j + s + 1)), s = 0 (even) or 1/2 (odd)
  const s = even ? 0 : 0.5;
  const terms = even ? ndf / 2 : (ndf - 1) / 2;
  let logGamma = even ? 0 : LOG_GAMMA_HALF + Math.log(0.5); // log Gamma(s + 1)
  let sum = even ? 0 : erfc(Math.sqrt(x));
  for (let j = 0; j < terms; j++) {
    if (j > 0) logGamma += Math.log(j + s);
    sum += Math.exp(-x + (j + s) * logX - logGamma);
  }
  return Math.min(sum, 1);
}
