import * as tf from '@tensorflow/tfjs';
import { classOutputs, hetGaussianNll, weightedBce, weightedSoftmaxCe } from '@hepuq/nn';
import type { EnsembleTask } from './ensemble-task.js';

/**
 * Network outputs per task: (mu, log sigma) for the heteroscedastic head; for `classes` classes one
 * logit (two classes) or K logits (softmax).
 */
export function headOutputs(task: EnsembleTask, classes = 2): number {
  return task === 'regression' ? 2 : classOutputs(classes);
}

/** Output channel c of [M, B, k] as [M, B]. */
export function channel(out: tf.Tensor3D, c: number): tf.Tensor2D {
  const [m, b] = out.shape;
  return tf.reshape(tf.slice(out, [0, 0, c], [m, b, 1]), [m, b]);
}

/**
 * Sum over members of each member's batch loss, sum_m mean_b w_mb l_mb: the heteroscedastic Gaussian
 * NLL (core's `hetGaussianNll`, log sigma clamped), the weighted BCE on one logit (core's `weightedBce`)
 * or, with K > 1 outputs, the weighted softmax cross-entropy on K logits (labels 0..K-1).
 * A sum, not a mean, so member m's gradient is exactly the gradient of its own loss (as if trained
 * alone). Returns the member average as the reported term. Shapes: out [M, B, k], y and w [M, B].
 */
export function memberDataLoss(task: EnsembleTask, out: tf.Tensor3D, y: tf.Tensor2D, w: tf.Tensor2D): { total: tf.Scalar; average: tf.Scalar } {
  const members = out.shape[0];
  const average = task === 'regression'
    ? hetGaussianNll(y, channel(out, 0), channel(out, 1), w)
    : out.shape[2] > 1 ? weightedSoftmaxCe(y, out, w) : weightedBce(y, channel(out, 0), w);
  return { total: tf.mul(average, members), average };
}

/** The name of the data term in progress events: `nll` (regression), `bce` (one logit), `ce` (K-class softmax). */
export function lossTerm(task: EnsembleTask, outputs: number): string {
  return task === 'regression' ? 'nll' : outputs > 1 ? 'ce' : 'bce';
}
