import * as tf from '@tensorflow/tfjs';
import { median } from '@hepuq/core';

/** Identity forward, zero gradient: the other members in a kernel sum are held fixed (the KDE of the flow). */
export function stopGradient<T extends tf.Tensor>(x: T): T {
  const identity = tf.customGrad((...inputs) => ({ value: (inputs[0] as tf.Tensor).clone(), gradFunc: (dy: tf.Tensor) => tf.zerosLike(dy) }));
  return identity(x) as T;
}

/**
 * Squared distances d2_mj = |v_m - v_j|^2 between member vectors v [M, P], differentiable in v_m only
 * (v_j enters through `stopGradient`): |v_m|^2 + |v_j|^2 - 2 v_m.v_j, one [M, P] x [P, M] product, clamped at 0.
 */
export function memberDistances(v: tf.Tensor2D): tf.Tensor2D {
  const fixed = stopGradient(v);
  const sq = tf.sum(tf.square(v), 1, true);
  const sqFixed = tf.reshape(tf.sum(tf.square(fixed), 1), [1, -1]);
  return tf.relu(tf.sub(tf.add(sq, sqFixed), tf.mul(2, tf.matMul(v, fixed, false, true)))) as tf.Tensor2D;
}

/**
 * RBF bandwidth by the median heuristic h = med^2 / log M, med^2 the median of the off-diagonal squared
 * distances (Liu & Wang 1608.04471, SVGD; D'Angelo & Fortuin 2106.11642). Read back as a number: the
 * bandwidth is a constant of each step, not differentiated.
 */
export function medianBandwidth(d2: tf.Tensor2D): number {
  const m = d2.shape[0];
  const values = d2.dataSync();
  const off: number[] = [];
  for (let i = 0; i < m; i++) for (let j = 0; j < m; j++) if (i !== j) off.push(values[i * m + j]);
  const med = median(off);
  // identical members (med = 0) feel no force anyway (d2 gradient 0); any positive h keeps exp finite
  return Math.max(med, 1e-12) / Math.log(m);
}

/**
 * Repulsive term of the kernelised gradient flow, sum_m log sum_j k(v_m, v_j) with k = exp(-d2/h) and
 * the v_j held fixed: its gradient in v_m is -sum_j k_mj grad d2_mj / (h sum_j k_mj), i.e. the KDE
 * estimate of grad log rho(theta) in d theta/dt = -grad[log rho - log p(theta|x)] (Plehn 2025 seed
 * talk; D'Angelo & Fortuin 2106.11642, eq. 9). v: flattened weights [M, P] or predictions [M, B]; 0 for M = 1.
 * @example const rep = kernelRepulsion(tf.concat(params.map((p) => p.reshape([M, -1])), 1))
 */
export function kernelRepulsion(v: tf.Tensor2D): tf.Scalar {
  // one member: log k(v, v) = 0 (a member retrained alone after failing the health check)
  if (v.shape[0] < 2) return tf.mul(tf.sum(v), 0) as tf.Scalar;
  const d2 = memberDistances(v);
  const h = medianBandwidth(d2);
  return tf.sum(tf.logSumExp(tf.div(tf.neg(d2), h), 1));
}
