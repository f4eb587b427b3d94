import * as tf from '@tensorflow/tfjs';

/**
 * Pool per-particle outputs h [B * P, L] (or [R, B * P, L]) into per-event sums
 * sum_p w[b, p] h[b, p] -> [B, L] (or [R, B, L]) with weights w [B, P]. Padding slots have weight 0.
 */
export function poolParticles(h: tf.Tensor, w: tf.Tensor2D): tf.Tensor {
  const [B, P] = w.shape;
  const L = h.shape[h.rank - 1];
  if (h.rank === 2) return tf.sum(tf.mul(h.reshape([B, P, L]), w.reshape([B, P, 1])), 1);
  const R = h.shape[0];
  return tf.sum(tf.mul(h.reshape([R, B, P, L]), w.reshape([1, B, P, 1])), 2);
}

/** Append per-event columns `flat` [B, d] to `h` [B, L] (or to every replica of [R, B, L]). */
export function appendColumns(h: tf.Tensor, flat: tf.Tensor2D): tf.Tensor {
  if (h.rank === 2) return tf.concat([h as tf.Tensor2D, flat], 1);
  const R = h.shape[0];
  return tf.concat([h, tf.tile(flat.expandDims(0), [R, 1, 1])], 2);
}
