import { median } from '@hepuq/core';
import { gaussianTailFraction } from './gaussian-tails.js';

/** Fraction of pulls with |t| > k, its binomial error, and the unit-Gaussian expectation. */
export interface TailFraction {
  k: number;
  fraction: number;
  /** Binomial standard error sqrt(f(1-f)/n); 0 when f is 0 or 1 (no events to estimate it from). */
  error: number;
  gaussian: number;
}

/** Moments of a pull distribution (NaN where the sample is too small; JSON writes NaN as null). */
export interface PullSummary {
  n: number;
  mean: number;
  /** Standard error of the mean, s/√n. */
  meanError: number;
  /** Sample standard deviation s (n - 1 in the denominator). */
  std: number;
  /** Standard error of s for a Gaussian parent, s/√(2(n-1)). */
  stdError: number;
  median: number;
  /** g1 = m3/m2^(3/2) (central sample moments). */
  skewness: number;
  /** Excess kurtosis g2 = m4/m2^2 - 3. */
  excessKurtosis: number;
  beyond: TailFraction[];
}

/** The thresholds compared with a unit Gaussian: 1, 2 and 3 sigma. */
export const TAIL_THRESHOLDS = [1, 2, 3] as const;

/**
 * Moments of the pulls and the fractions beyond 1/2/3 sigma against a unit Gaussian
 * (0.3173, 0.0455, 0.0027): a calibrated error bar gives mean 0, std 1 and those fractions.
 * Not core's `weightedStd`: the std error here is the Gaussian-parent s/√(2(n−1)) (core's is the
 * delta-method sqrt((m4 − m2²)/n)/(2s)), and skewness needs m3, which core's moments do not give.
 * @example summarisePulls(Float64Array.of(-1, 0, 1)).std // 1
 */
export function summarisePulls(t: Float64Array): PullSummary {
  const n = t.length;
  let sum = 0;
  for (const x of t) sum += x;
  const mean = n > 0 ? sum / n : NaN;
  let m2 = 0;
  let m3 = 0;
  let m4 = 0;
  for (const x of t) {
    const d = x - mean;
    m2 += d * d;
    m3 += d * d * d;
    m4 += d * d * d * d;
  }
  m2 /= n;
  m3 /= n;
  m4 /= n;
  const std = n > 1 ? Math.sqrt((m2 * n) / (n - 1)) : NaN;
  return {
    n,
    mean,
    meanError: std / Math.sqrt(n),
    std,
    stdError: n > 1 ? std / Math.sqrt(2 * (n - 1)) : NaN,
    median: median(t),
    skewness: m2 > 0 ? m3 / m2 ** 1.5 : NaN,
    excessKurtosis: m2 > 0 ? m4 / (m2 * m2) - 3 : NaN,
    beyond: TAIL_THRESHOLDS.map((k) => tailFraction(t, k)),
  };
}

/** Fraction of |t| > k with its binomial error, next to P(|z| > k) = erfc(k/√2). */
function tailFraction(t: Float64Array, k: number): TailFraction {
  const n = t.length;
  let count = 0;
  for (const x of t) if (Math.abs(x) > k) count++;
  const fraction = n > 0 ? count / n : NaN;
  return { k, fraction, error: Math.sqrt((fraction * (1 - fraction)) / n), gaussian: gaussianTailFraction(k) };
}
