import * as tf from '@tensorflow/tfjs';

/**
 * A likelihood head: how the raw network outputs [B, outputs] and targets or labels [B, T] become
 * a per-event NLL, and how the outputs of R weight draws [R, n, outputs] become per-draw predictive moments.
 */
export interface Head {
  readonly kind: 'gaussian' | 'mixture' | 'bernoulli' | 'categorical';
  readonly outputs: number;
  /** Event-weighted mean NLL over a batch (weights normalised to mean 1 over the training set). */
  nll(out: tf.Tensor2D, y: tf.Tensor2D, w: tf.Tensor1D): tf.Scalar;
}

/**
 * A regression head on T targets: per draw r and target t the mean mu_rt(x) and variance
 * sigma_rt(x)^2 of p(y_t | x, theta_r), each [R, T, n] (T = 1 for the mixture head).
 */
export interface RegressionHead extends Head {
  readonly kind: 'gaussian' | 'mixture';
  drawMoments(out: tf.Tensor3D): { mean: tf.Tensor3D; variance: tf.Tensor3D };
}

/** A binary classification head: per draw r the probability p_r(x) = P(label = 1 | x, theta_r). */
export interface ClassificationHead extends Head {
  readonly kind: 'bernoulli';
  drawProbs(out: tf.Tensor3D): tf.Tensor2D;
}

/**
 * The output columns of [B, K] as K rows [1, B], or of [R, n, K] as K tensors [R, n]. Transposing
 * first makes each column contiguous: on wasm a contiguous split is one copy, a column slice a copy per row.
 */
export function outputColumns(out: tf.Tensor2D, sizes: number[]): tf.Tensor2D[];
export function outputColumns(out: tf.Tensor3D, sizes: number[]): tf.Tensor3D[];
export function outputColumns(out: tf.Tensor, sizes: number[]): tf.Tensor[] {
  if (out.rank === 2) return tf.split(tf.transpose(out), sizes, 0);
  const [r, n] = out.shape as number[];
  return tf.split(tf.transpose(out, [2, 0, 1]), sizes, 0).map((p) => p.reshape([p.shape[0], r, n]));
}
