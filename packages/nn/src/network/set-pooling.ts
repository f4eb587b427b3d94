import * as tf from '@tensorflow/tfjs';

/**
 * Pool per-particle outputs into per-event sums sum_p w[b, p] h[b, p]: h [B * P, L] or [R, B * P, L],
 * weights w [B, P] (shared by the R replicas) or [R, B, P] (a batch per replica) -> [B, L] or [R, B, L].
 * Padding slots have weight 0.
 */
export function poolParticles(h: tf.Tensor, w: tf.Tensor): tf.Tensor {
  const [B, P] = w.shape.slice(-2);
  const L = h.shape[h.rank - 1];
  if (h.rank === 2 && w.rank === 2) return tf.sum(tf.mul(h.reshape([B, P, L]), w.reshape([B, P, 1])), 1);
  const R = h.rank === 3 ? h.shape[0] : w.shape[0];
  const wr = w.rank === 3 ? w.reshape([R, B, P, 1]) : w.reshape([1, B, P, 1]);
  return tf.sum(tf.mul(h.reshape([h.rank === 3 ? R : 1, B, P, L]), wr), 2);
}

/** Append per-event columns `flat` ([B, d] or [R, B, d]) to `h` ([B, L] or [R, B, L]) along the last axis. */
export function appendColumns(h: tf.Tensor, flat: tf.Tensor): tf.Tensor {
  if (h.rank === flat.rank) return tf.concat([h, flat], h.rank - 1);
  if (h.rank === 3) return tf.concat([h, tf.tile(flat.expandDims(0), [h.shape[0], 1, 1])], 2);
  return tf.concat([tf.tile(h.expandDims(0), [flat.shape[0], 1, 1]), flat], 2);
}
