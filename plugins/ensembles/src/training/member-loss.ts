import * as tf from '@tensorflow/tfjs';
import { hetGaussianNll, weightedBce } from '@hepuq/nn';
import type { EnsembleTask } from './training-set.js';

/** Network outputs per task: (mu, log sigma) for the heteroscedastic head, one logit for classification. */
export function headOutputs(task: EnsembleTask): number {
  return task === 'regression' ? 2 : 1;
}

/** Output channel c of [M, B, k] as [M, B]. */
export function channel(out: tf.Tensor3D, c: number): tf.Tensor2D {
  const [m, b] = out.shape;
  return tf.reshape(tf.slice(out, [0, 0, c], [m, b, 1]), [m, b]);
}

/**
 * Sum over members of each member's batch loss, sum_m mean_b w_mb l_mb: the heteroscedastic Gaussian
 * NLL (core's `hetGaussianNll`, log sigma clamped) or the weighted BCE on logits (core's `weightedBce`).
 * A sum, not a mean, so member m's gradient is exactly the gradient of its own loss (as if trained
 * alone). Returns the member average as the reported term. Shapes: out [M, B, k], y and w [M, B].
 */
export function memberDataLoss(task: EnsembleTask, out: tf.Tensor3D, y: tf.Tensor2D, w: tf.Tensor2D): { total: tf.Scalar; average: tf.Scalar } {
  const members = out.shape[0];
  const average = task === 'regression'
    ? hetGaussianNll(y, channel(out, 0), channel(out, 1), w)
    : weightedBce(y, channel(out, 0), w);
  return { total: tf.mul(average, members), average };
}
