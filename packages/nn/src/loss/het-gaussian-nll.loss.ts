import * as tf from '@tensorflow/tfjs';
import { gaussianNllHead } from '@hepuq/kernels';
import { LOG_SIGMA_MAX, LOG_SIGMA_MIN } from './log-sigma-bound.js';

export const HET_GAUSSIAN_NLL = 'het-gaussian-nll';

/**
 * Weighted heteroscedastic Gaussian NLL per batch: mean_i w_i [ (y_i - mu_i)^2 / (2 sigma_i^2) + log sigma_i ];
 * the constant log sqrt(2 pi) is omitted. `logSigma` is the head's bounded log sigma (`softBound` of
 * the raw output, as `gaussianHeadColumns` returns it). Weights are normalised to mean 1 over the
 * training set, so the loss is per event.
 */
export function hetGaussianNll(y: tf.Tensor, mu: tf.Tensor, logSigma: tf.Tensor, w: tf.Tensor): tf.Scalar {
  return tf.tidy(() => {
    const perEvent = tf.add(tf.mul(tf.square(tf.sub(y, mu)), tf.mul(0.5, tf.exp(tf.mul(-2, logSigma)))), logSigma);
    return tf.mean(tf.mul(perEvent, w));
  });
}

/**
 * Weighted diagonal-Gaussian NLL over T targets: mean_i w_i sum_t [ (y_it - mu_it)^2 / (2 sigma_it^2)
 * + log sigma_it ] (equal to `hetGaussianNll` for T = 1). y, mu and the bounded logSigma are [..., T];
 * w has one entry per event ([...] or [..., 1]).
 */
export function diagGaussianNll(y: tf.Tensor, mu: tf.Tensor, logSigma: tf.Tensor, w: tf.Tensor): tf.Scalar {
  return tf.tidy(() => {
    const perTarget = tf.add(tf.mul(tf.square(tf.sub(y, mu)), tf.mul(0.5, tf.exp(tf.mul(-2, logSigma)))), logSigma);
    const perEvent = tf.sum(perTarget, -1);
    return tf.mean(tf.mul(perEvent, tf.reshape(w, perEvent.shape)));
  });
}

/**
 * `diagGaussianNll` of a raw heteroscedastic head out [n, 2T] (T means, then T raw log sigmas,
 * soft-bounded as `gaussianHeadColumns` does) against targets y [n, T] with weights w [n] or [n, 1]:
 * `@hepuq/kernels`' `gaussianNllHead`, loss and gradient for the whole head in one SIMD wasm call
 * on the wasm backend (no slices, no bound ops), plain tfjs ops elsewhere. The weighted sum over
 * events is divided by `norm` (default n, the mean).
 * @example const loss = headGaussianNll(yb, net.forward(xb), wb)
 */
export function headGaussianNll(y: tf.Tensor2D, out: tf.Tensor2D, w: tf.Tensor, norm = out.shape[0]): tf.Scalar {
  return gaussianNllHead(y, out, w, { lo: LOG_SIGMA_MIN, hi: LOG_SIGMA_MAX }, norm);
}
