import type * as tf from '@tensorflow/tfjs';

/** A scalar loss with its named terms, so fit events can report every term (e.g. NLL and KL). */
export interface LossValue {
  total: tf.Scalar;
  terms: Record<string, tf.Scalar>;
}

/**
 * A named, registered loss over named tensors (`y`, `mu`, `logSigma`, `weights`, ...). The inputs a
 * loss needs are listed in `inputs` so a method can check before training.
 */
export interface Loss {
  readonly key: string;
  readonly description: string;
  readonly inputs: readonly string[];
  compute(inputs: Record<string, tf.Tensor>): LossValue;
}
