import * as tf from '@tensorflow/tfjs';

export const WEIGHTED_BCE = 'weighted-bce';

/**
 * Weighted binary cross-entropy on logits z: mean_i w_i [ max(z,0) - z y + log(1 + exp(-|z|)) ],
 * the numerically stable form of -[y log s(z) + (1-y) log(1-s(z))]. Weights normalised to mean 1.
 */
export function weightedBce(label: tf.Tensor, logits: tf.Tensor, w: tf.Tensor): tf.Scalar {
  return tf.tidy(() => {
    const perEvent = tf.add(tf.sub(tf.relu(logits), tf.mul(logits, label)), tf.log1p(tf.exp(tf.neg(tf.abs(logits)))));
    return tf.mean(tf.mul(perEvent, w));
  });
}
