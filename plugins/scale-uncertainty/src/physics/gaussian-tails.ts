import { normalCdf } from '@hepuq/stats';

/**
 * Two-sided tail probability of a unit Gaussian, P(|z| > k) = 2 Φ(−k) = erfc(k/√2) (core's `normalCdf`,
 * accurate deep in the tails, unlike 1 − `centralProbability(k)`).
 * @example gaussianTailFraction(1) // 0.3173
 */
export function gaussianTailFraction(k: number): number {
  return 2 * normalCdf(-k);
}
