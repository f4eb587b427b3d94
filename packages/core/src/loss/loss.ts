import type * as tf from '@tensorflow/tfjs';

/** A scalar loss with its named terms, so fit events can report every term (e.g. NLL and KL). */
export interface LossValue {
  total: tf.Scalar;
  terms: Record<string, tf.Scalar>;
}
