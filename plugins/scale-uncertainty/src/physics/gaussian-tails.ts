import erfc from '@stdlib/math-base-special-erfc';

/**
 * Two-sided tail probability of a unit Gaussian, P(|z| > k) = erfc(k/√2).
 * @example gaussianTailFraction(1) // 0.3173
 */
export function gaussianTailFraction(k: number): number {
  return erfc(k / Math.SQRT2);
}
