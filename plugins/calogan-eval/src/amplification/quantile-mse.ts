/**
 * The quantile MSE of a sample against the truth and its statistics. x_c are the sample's cell
 * fractions, p_c the truth's, M the number of cells.
 *
 *     MSE = (1/M) sum_c (x_c - p_c)^2                       (Butter et al. 2008.06545, section 2)
 *
 * For n events drawn from the truth, x is multinomial with covariance S/n, S = diag(p) - p p^T, so
 *
 *     E MSE = tr(S) / (M n) = s / n,   s = (1/M) sum_c p_c (1 - p_c),
 *
 * and a truth sample of N_T events adds its own s / N_T (its fractions scatter the same way). A
 * generator adds its bias b_c = q_c - p_c: E MSE = |b|^2 / M + s (1/n + 1/N_T).
 */

/** (1/M) sum_c (x_c - p_c)^2. */
export function quantileMse(x: Float64Array, p: Float64Array): number {
  let s = 0;
  for (let c = 0; c < p.length; c++) s += (x[c] - p[c]) ** 2;
  return s / p.length;
}

/**
 * s = (1/M) sum_c p_c (1 - p_c): the quantile MSE of n truth-drawn events is s / n on average.
 * @example samplingNoise(Float64Array.from({ length: 10 }, () => 0.1)) // 0.09 = (1/10)(1 - 1/10)
 */
export function samplingNoise(p: Float64Array): number {
  let s = 0;
  for (const pc of p) s += pc * (1 - pc);
  return s / p.length;
}

/**
 * Standard deviation of the quantile MSE of fractions x measured against p with effective size
 * nEff = (1/n + 1/N_T)^-1. For y = x - p ~ N(b, S/nEff) the quadratic form has
 * Var |y|^2 = 2 tr(S^2)/nEff^2 + 4 b^T S b/nEff (Gaussian quadratic form; Mathai & Provost 1992, ch. 3), with
 * tr(S^2) = sum p^2 - 2 sum p^3 + (sum p^2)^2 and b^T S b = sum p b^2 - (sum p b)^2. b is estimated by
 * y, whose b^T S b is high by tr(S^2)/nEff on average; that is subtracted (floored at 0).
 * @example mseError(x, p, 1 / (1 / n + 1 / nTruth))
 */
export function mseError(x: Float64Array, p: Float64Array, nEff: number): number {
  let p2 = 0, p3 = 0, pb = 0, pb2 = 0;
  for (let c = 0; c < p.length; c++) {
    const b = x[c] - p[c];
    p2 += p[c] * p[c];
    p3 += p[c] * p[c] * p[c];
    pb += p[c] * b;
    pb2 += p[c] * b * b;
  }
  const trS2 = (p2 - 2 * p3 + p2 * p2) / (nEff * nEff);
  const bSb = Math.max(0, (pb2 - pb * pb) / nEff - trS2);
  return Math.sqrt(2 * trS2 + 4 * bSb) / p.length;
}
