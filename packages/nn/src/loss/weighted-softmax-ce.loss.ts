import * as tf from '@tensorflow/tfjs';

export const WEIGHTED_SOFTMAX_CE = 'weighted-softmax-ce';

/**
 * Weighted categorical cross-entropy on logits z [..., K] with integer labels y [...] (or [..., 1]):
 * mean_i w_i [ -log softmax(z_i)_{y_i} ], log-softmax in its stable form. Weights normalised to mean 1
 * and shaped like the labels.
 */
export function weightedSoftmaxCe(label: tf.Tensor, logits: tf.Tensor, w: tf.Tensor): tf.Scalar {
  return tf.tidy(() => {
    const k = logits.shape[logits.rank - 1];
    const events = logits.shape.slice(0, -1);
    const onehot = tf.oneHot(tf.cast(label.reshape([-1]), 'int32'), k).reshape(logits.shape);
    const nll = tf.neg(tf.sum(tf.mul(onehot, tf.logSoftmax(logits)), -1));
    return tf.mean(tf.mul(nll, w.reshape(events)));
  });
}
