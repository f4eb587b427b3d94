import * as tf from '@tensorflow/tfjs';
import { classOutputs, headGaussianNll, regressionOutputs, weightedBce, weightedSoftmaxCe } from '@hepuq/nn';
import type { EnsembleTask } from './ensemble-task.js';

/**
 * Network outputs per task: a diagonal Gaussian head on `targets` regression targets (mu_0..mu_{T-1},
 * log sigma_0..log sigma_{T-1}: (mu, log sigma) for one); for `classes` classes one logit (two
 * classes) or K logits (softmax).
 */
export function headOutputs(task: EnsembleTask, classes = 2, targets = 1): number {
  return task === 'regression' ? regressionOutputs(targets) : classOutputs(classes);
}

/** The number of regression targets T of a Gaussian head with `outputs` = 2T outputs. */
export function headTargets(outputs: number): number {
  return outputs / 2;
}

/** Output channel c of [M, B, k] as [M, B]. */
export function channel(out: tf.Tensor3D, c: number): tf.Tensor2D {
  const [m, b] = out.shape;
  return tf.reshape(tf.slice(out, [0, 0, c], [m, b, 1]), [m, b]);
}

/**
 * Sum over members of each member's batch loss, sum_m mean_b w_mb l_mb: the diagonal Gaussian NLL
 * l = sum_t (y_t - mu_t)^2 / (2 sigma_t^2) + log sigma_t over the T = k/2 targets (@hepuq/nn's
 * `headGaussianNll`, i.e. `diagGaussianNll` of the soft-bounded log sigma, in one kernel; the heteroscedastic NLL for T = 1), the weighted BCE on one
 * logit (`weightedBce`) or, with K > 1 outputs, the weighted softmax cross-entropy on K logits
 * (labels 0..K-1). A sum, not a mean, so member m's gradient is exactly the gradient of its own loss
 * (as if trained alone). Returns the member average as the reported term. Shapes: out [M, B, k],
 * w [M, B], y [M, B, T] (regression) or [M, B] (labels).
 */
export function memberDataLoss(task: EnsembleTask, out: tf.Tensor3D, y: tf.Tensor, w: tf.Tensor2D): { total: tf.Scalar; average: tf.Scalar } {
  const [members, batch, k] = out.shape;
  if (task === 'regression') {
    // the member sum divided by the batch size in the kernel: each gradient element is then the same
    // number whatever the number of members stacked with it
    const total = headGaussianNll(tf.reshape(y, [members * batch, headTargets(k)]), tf.reshape(out, [members * batch, k]), tf.reshape(w, [members * batch]), batch);
    return { total, average: tf.div(total, members) };
  }
  const average = k > 1 ? weightedSoftmaxCe(y, out, w) : weightedBce(y, channel(out, 0), w);
  return { total: tf.mul(average, members), average };
}

/** The name of the data term in progress events: `nll` (regression), `bce` (one logit), `ce` (K-class softmax). */
export function lossTerm(task: EnsembleTask, outputs: number): string {
  return task === 'regression' ? 'nll' : outputs > 1 ? 'ce' : 'bce';
}
