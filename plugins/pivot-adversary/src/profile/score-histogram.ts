/**
 * Weighted histogram of classifier scores in `bins` equal bins on [0, 1]: h_b = sum_{i in idx, s_i in bin b} w_i
 * (a score of exactly 1 falls in the last bin; scores are probabilities, so nothing lies outside).
 * `idx` restricts the events (default all).
 * @example scoreHistogram(Float32Array.of(0.1, 0.9), Float32Array.of(1, 2), 2) // [1, 2]
 */
export function scoreHistogram(scores: Float32Array, weights: Float32Array, bins: number, idx?: ArrayLike<number>): Float64Array {
  const h = new Float64Array(bins);
  const n = idx ? idx.length : scores.length;
  for (let j = 0; j < n; j++) {
    const i = idx ? idx[j] : j;
    const b = Math.min(bins - 1, Math.max(0, Math.floor(scores[i] * bins)));
    h[b] += weights[i];
  }
  return h;
}

/** Sum of `weights` over `idx` (default all) in double precision. */
export function weightSum(weights: Float32Array, idx?: ArrayLike<number>): number {
  let s = 0;
  const n = idx ? idx.length : weights.length;
  for (let j = 0; j < n; j++) s += weights[idx ? idx[j] : j];
  return s;
}

/** `h * factor`, as a plain array for JSON. */
export function scaled(h: Float64Array, factor: number): number[] {
  return Array.from(h, (v) => v * factor);
}
