import * as tf from '@tensorflow/tfjs';
import { boundLogSigma, headGaussianNll, type LogSigmaBound } from '@hepuq/nn';
import { outputColumns, type RegressionHead } from './head.js';

/**
 * Heteroscedastic Gaussian head on T targets (a diagonal Gaussian): outputs mu_0..mu_{T-1}, then
 * log sigma_0..log sigma_{T-1} (for T = 1 the (mu, log sigma) pair), NLL sum_t |y_t - mu_t|^2 /
 * (2 sigma_t^2) + log sigma_t (@hepuq/nn's `headGaussianNll`: one `@hepuq/kernels` call forward and
 * one backward on the wasm backend; log sigma soft-bounded to (log 1e-3, log 1e3) in
 * standardised target units by @hepuq/nn's `softBound`; a model saved before it predicts with its
 * `bound`, the hard clip it was trained with). Per draw the moments are mu_t and sigma_t^2, [R, T, n].
 * @example gaussianHead(2).outputs // 4
 */
export function gaussianHead(targets = 1, bound: LogSigmaBound = 'soft'): RegressionHead {
  return {
    kind: 'gaussian',
    outputs: 2 * targets,
    nll(out, y, w) {
      return headGaussianNll(y, out, w);
    },
    drawMoments(out) {
      // [T, R, n] per column group, then [R, T, n]
      const [mu, logSigma] = outputColumns(out, [targets, targets]);
      const sigma = tf.exp(boundLogSigma(logSigma, bound));
      return { mean: tf.transpose(mu, [1, 0, 2]), variance: tf.transpose(tf.square(sigma), [1, 0, 2]) };
    },
  };
}
