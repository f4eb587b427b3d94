import { HepuqError, type MetricValue } from '@hepuq/core';

/** A numeric column: float32 as stored, float64 for derived per-event quantities. */
export type NumArray = Float32Array | Float64Array;

/** Sums of a weight column: W = sum w, W2 = sum w^2 and the Kish effective size Neff = W^2 / W2. */
export interface WeightSummary {
  n: number;
  sumW: number;
  sumW2: number;
  neff: number;
}

/** Kish effective sample size Neff = (sum w)^2 / sum w^2 — Kish, Survey Sampling (1965), eq. 11.7.9. */
export function weightSummary(w: NumArray): WeightSummary {
  let s = 0;
  let s2 = 0;
  for (let i = 0; i < w.length; i++) {
    s += w[i];
    s2 += w[i] * w[i];
  }
  return { n: w.length, sumW: s, sumW2: s2, neff: s2 > 0 ? (s * s) / s2 : 0 };
}

/** Unit weights when none are given. */
export function resolveWeights(n: number, w?: Float32Array): Float32Array {
  return w ?? new Float32Array(n).fill(1);
}

/** Throw unless the weights have a positive sum (negative MC weights are allowed, a non-positive total is not). */
export function assertPositiveTotal(summary: WeightSummary, what: string): void {
  if (!(summary.sumW > 0) || !Number.isFinite(summary.sumW)) {
    throw new HepuqError('InvalidArgument', `${what}: the sum of event weights is ${summary.sumW} over ${summary.n} events; it must be positive`, {
      hint: 'Provide events whose weights sum to a positive number (negative weights are fine when the total is positive).',
    });
  }
}

/** Weighted central moments: mean m = sum w x / W, m2 = sum w (x-m)^2 / W, m4 = sum w (x-m)^4 / W. */
export function weightedMoments(x: NumArray, w: NumArray, sumW: number): { mean: number; m2: number; m4: number } {
  let s = 0;
  for (let i = 0; i < x.length; i++) s += w[i] * x[i];
  const mean = s / sumW;
  let s2 = 0;
  let s4 = 0;
  for (let i = 0; i < x.length; i++) {
    const d = x[i] - mean;
    const d2 = d * d;
    s2 += w[i] * d2;
    s4 += w[i] * d2 * d2;
  }
  return { mean, m2: s2 / sumW, m4: s4 / sumW };
}

/** Bessel factor generalised with the Kish size: Neff / (Neff - 1) (= N/(N-1) for unit weights). */
export function besselFactor(neff: number): number {
  return neff > 1 ? neff / (neff - 1) : Number.NaN;
}

/**
 * Weighted mean with its statistical error sqrt(s^2 / Neff), s^2 = m2 Neff/(Neff-1).
 * @example weightedMean(x, w, weightSummary(w)) // { value, error }
 */
export function weightedMean(x: NumArray, w: NumArray, summary: WeightSummary): MetricValue {
  const { mean, m2 } = weightedMoments(x, w, summary.sumW);
  return meanValue(mean, m2, summary);
}

/** A weighted mean m with its error sqrt(s^2 / Neff), s^2 = m2 Neff/(Neff-1) (m2 the central second moment). */
export function meanValue(mean: number, m2: number, summary: WeightSummary): MetricValue {
  return { value: mean, error: Math.sqrt(Math.max(m2 * besselFactor(summary.neff), 0) / summary.neff) };
}

/**
 * Weighted standard deviation s = sqrt(m2 Neff/(Neff-1)) with error sqrt((m4 - m2^2)/Neff) / (2 s)
 * (delta method on the variance of the sample variance; sigma/sqrt(2 Neff) for Gaussian data).
 */
export function weightedStd(x: NumArray, w: NumArray, summary: WeightSummary): MetricValue & { mean: MetricValue } {
  const { mean, m2, m4 } = weightedMoments(x, w, summary.sumW);
  return stdValue(mean, m2, m4, summary);
}

/** `weightedStd` from the central moments: s = sqrt(m2 Neff/(Neff-1)), error sqrt((m4 - m2^2)/Neff) / (2 s). */
export function stdValue(mean: number, m2: number, m4: number, summary: WeightSummary): MetricValue & { mean: MetricValue } {
  const variance = Math.max(m2 * besselFactor(summary.neff), 0);
  const sd = Math.sqrt(variance);
  const error = Math.sqrt(Math.max(m4 - m2 * m2, 0) / summary.neff) / (2 * sd);
  return { value: sd, error, mean: { value: mean, error: Math.sqrt(variance / summary.neff) } };
}

/** Weighted fraction f = sum_{pass} w / W with the binomial error sqrt(f (1-f) / Neff). */
export function binomialFraction(sumPass: number, summary: WeightSummary): MetricValue {
  const f = sumPass / summary.sumW;
  const fc = Math.min(Math.max(f, 0), 1);
  return { value: f, error: Math.sqrt((fc * (1 - fc)) / summary.neff) };
}
