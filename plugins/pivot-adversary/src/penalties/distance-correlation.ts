import * as tf from '@tensorflow/tfjs';
import { HepuqError } from '@hepuq/core';

/**
 * Double-centred distance matrix A_ij = a_ij - abar_i - abar_j + abar, a_ij = |x_i - x_j|, with the
 * p-weighted means abar_i = sum_j p_j a_ij and abar = sum_i p_i abar_i.
 */
function centredDistances(v: tf.Tensor1D, p: tf.Tensor1D): tf.Tensor2D {
  // elementwise ops and reductions only: on the wasm backend a transpose of a [B, 1] matMul output read zeros
  const a = tf.abs(tf.sub(tf.expandDims(v, 1), tf.expandDims(v, 0)));
  const rowMean = tf.sum(tf.mul(a, tf.expandDims(p, 0)), 1); // abar_i
  const grand = tf.sum(tf.mul(rowMean, p));
  return tf.add(tf.sub(tf.sub(a, tf.expandDims(rowMean, 1)), tf.expandDims(rowMean, 0)), grand) as tf.Tensor2D;
}

/**
 * Squared weighted distance correlation dCor^2(x, y) = dCov^2(x, y) / sqrt(dCov^2(x, x) dCov^2(y, y)),
 * dCov^2(x, y) = sum_ij p_i p_j A_ij B_ij, p = w / sum w — DisCo, Kasieczka & Shih 2001.05310, eq. 2-4.
 *
 * This is dCor^2 (the DisCo penalty), not dCor. Normalising the weights to mean 1, as the DisCo reference
 * implementation does, is the same as p = w / sum w here (the normalisation cancels in the ratio). Cost
 * and memory are O(B^2) in the batch size B, so it is evaluated per minibatch; differentiable in x (and y).
 * NaN when x or y is constant over the batch (0/0).
 * @example const penalty = distanceCorrelationSq(scores, mass, weights); // inside the training loss
 */
export function distanceCorrelationSq(x: tf.Tensor1D, y: tf.Tensor1D, w?: tf.Tensor1D): tf.Scalar {
  if (x.shape[0] !== y.shape[0] || (w !== undefined && w.shape[0] !== x.shape[0])) {
    throw new HepuqError('ShapeMismatch', `distanceCorrelationSq: x has ${x.shape[0]} entries, y ${y.shape[0]}${w ? `, w ${w.shape[0]}` : ''}; they must match`);
  }
  return tf.tidy(() => {
    const n = x.shape[0];
    const p = (w === undefined ? tf.fill([n], 1 / n) : tf.div(w, tf.sum(w))) as tf.Tensor1D;
    const A = centredDistances(x, p);
    const B = centredDistances(y, p);
    const pp = tf.mul(tf.expandDims(p, 1), tf.expandDims(p, 0));
    const xy = tf.sum(tf.mul(tf.mul(A, B), pp));
    const xx = tf.sum(tf.mul(tf.square(A), pp));
    const yy = tf.sum(tf.mul(tf.square(B), pp));
    return tf.div(xy, tf.sqrt(tf.mul(xx, yy))) as tf.Scalar;
  });
}

function centred64(v: ArrayLike<number>, p: Float64Array): Float64Array {
  const n = p.length;
  const a = new Float64Array(n * n);
  const row = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let j = 0; j < n; j++) {
      const d = Math.abs(v[i] - v[j]);
      a[i * n + j] = d;
      s += p[j] * d;
    }
    row[i] = s;
  }
  let grand = 0;
  for (let i = 0; i < n; i++) grand += p[i] * row[i];
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) a[i * n + j] += grand - row[i] - row[j];
  return a;
}

/**
 * Float64 reference of `distanceCorrelationSq` (same formula, Kasieczka & Shih 2001.05310 eq. 2-4) for tests
 * and diagnostics on arrays; O(n^2) time and memory.
 * @example distanceCorrelationSq64([0, 1, 2], [0, 1, 0]) // 1/sqrt(10)
 */
export function distanceCorrelationSq64(x: ArrayLike<number>, y: ArrayLike<number>, w?: ArrayLike<number>): number {
  const n = x.length;
  if (y.length !== n || (w !== undefined && w.length !== n)) {
    throw new HepuqError('ShapeMismatch', `distanceCorrelationSq64: x has ${n} entries, y ${y.length}${w ? `, w ${w.length}` : ''}; they must match`);
  }
  let total = 0;
  for (let i = 0; i < n; i++) total += w ? w[i] : 1;
  const p = Float64Array.from({ length: n }, (_, i) => (w ? w[i] : 1) / total);
  const A = centred64(x, p);
  const B = centred64(y, p);
  let xy = 0;
  let xx = 0;
  let yy = 0;
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      const pp = p[i] * p[j];
      const a = A[i * n + j];
      const b = B[i * n + j];
      xy += pp * a * b;
      xx += pp * a * a;
      yy += pp * b * b;
    }
  }
  return xy / Math.sqrt(xx * yy);
}
