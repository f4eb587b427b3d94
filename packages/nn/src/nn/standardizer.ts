/** Per-column affine map z = (x - mean) / std, fitted on training data and saved with the model. */
export interface Standardizer {
  mean: Float32Array;
  std: Float32Array;
}

/**
 * Column means and standard deviations of a row-major [n, d] matrix (unweighted: MC weights may be
 * negative, and the map only conditions the optimisation). Constant columns get std 1.
 */
export function fitStandardizer(matrix: Float32Array, n: number, d: number): Standardizer {
  const mean = new Float64Array(d);
  const sq = new Float64Array(d);
  for (let i = 0; i < n; i++) for (let j = 0; j < d; j++) mean[j] += matrix[i * d + j];
  for (let j = 0; j < d; j++) mean[j] /= n;
  for (let i = 0; i < n; i++) for (let j = 0; j < d; j++) sq[j] += (matrix[i * d + j] - mean[j]) ** 2;
  const std = new Float32Array(d);
  for (let j = 0; j < d; j++) std[j] = Math.sqrt(sq[j] / Math.max(1, n - 1)) || 1;
  return { mean: Float32Array.from(mean), std };
}

/** Apply the map to a copy of a row-major [n, d] matrix. */
export function standardize(matrix: Float32Array, s: Standardizer): Float32Array {
  const d = s.mean.length;
  const out = new Float32Array(matrix.length);
  for (let i = 0; i < matrix.length; i++) out[i] = (matrix[i] - s.mean[i % d]) / s.std[i % d];
  return out;
}
