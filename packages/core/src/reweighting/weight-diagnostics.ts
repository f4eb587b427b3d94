/** How healthy a set of event weights is: what a reweighting did to the sample it reweighted. */
export interface WeightDiagnostics {
  /** Number of weights. */
  n: number;
  sum: number;
  /** Kish effective sample size (sum w)^2 / sum w^2. */
  ess: number;
  /** ess / n: 1 for equal weights, small when a few events carry the sample. */
  essFraction: number;
  /** Largest weight over the mean weight: how extreme the extreme weights are. */
  maxOverMean: number;
  /** Fraction of negative weights. */
  negativeFraction: number;
}

/**
 * Kish effective sample size and extreme-weight figures of `weights` (optionally only where `mask`
 * is 1). The effective size is what statistical errors of a weighted histogram scale with.
 * @example weightDiagnostics(dctr.weights).essFraction // 0.93
 */
export function weightDiagnostics(weights: ArrayLike<number>, mask?: ArrayLike<number>): WeightDiagnostics {
  let n = 0;
  let sum = 0;
  let sum2 = 0;
  let max = -Infinity;
  let negative = 0;
  for (let i = 0; i < weights.length; i++) {
    if (mask && !mask[i]) continue;
    const w = weights[i];
    n++;
    sum += w;
    sum2 += w * w;
    if (w > max) max = w;
    if (w < 0) negative++;
  }
  const ess = sum2 > 0 ? (sum * sum) / sum2 : 0;
  return { n, sum, ess, essFraction: n ? ess / n : 0, maxOverMean: n && sum > 0 ? max / (sum / n) : 0, negativeFraction: n ? negative / n : 0 };
}
