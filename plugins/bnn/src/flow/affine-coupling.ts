import * as tf from '@tensorflow/tfjs';

/** Soft clamp of the log-scale, s = c tanh(raw / c) with c = 2 (Ardizzone et al. 1808.04730): keeps exp(s) in [e^-2, e^2]. */
const CLAMP = 2;

/** Affine coupling transform (Dinh et al. 1605.08803): y = u exp(s) + t, log det = s; raw = [B, 2] columns (s_raw, t). */
export function affineForward(u: tf.Tensor1D, raw: tf.Tensor2D): { y: tf.Tensor1D; logDet: tf.Tensor1D } {
  const [sRaw, t] = tf.split(tf.transpose(raw), 2, 0).map((c) => c.reshape([-1]) as tf.Tensor1D);
  const s = tf.mul(CLAMP, tf.tanh(tf.div(sRaw, CLAMP))) as tf.Tensor1D;
  return { y: tf.add(tf.mul(u, tf.exp(s)), t) as tf.Tensor1D, logDet: s };
}

/** Inverse affine coupling: u = (y - t) exp(-s). */
export function affineInverse(y: tf.Tensor1D, raw: tf.Tensor2D): tf.Tensor1D {
  const [sRaw, t] = tf.split(tf.transpose(raw), 2, 0).map((c) => c.reshape([-1]) as tf.Tensor1D);
  const s = tf.mul(CLAMP, tf.tanh(tf.div(sRaw, CLAMP)));
  return tf.mul(tf.sub(y, t), tf.exp(tf.neg(s))) as tf.Tensor1D;
}
