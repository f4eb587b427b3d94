import * as tf from '@tensorflow/tfjs';

export const HET_GAUSSIAN_NLL = 'het-gaussian-nll';

/**
 * Bounds on log sigma (in the units the network sees, i.e. standardised targets). Without them a
 * network that fits one point exactly drives sigma -> 0 and the loss -> -Inf. sigma in [1e-3, 1e3]
 * standard deviations of the target covers every physical use; gradients vanish outside.
 */
export const LOG_SIGMA_MIN = Math.log(1e-3);
export const LOG_SIGMA_MAX = Math.log(1e3);

/**
 * Weighted heteroscedastic Gaussian NLL per batch: mean_i w_i [ (y_i - mu_i)^2 / (2 sigma_i^2) + log sigma_i ]
 * with log sigma clipped to [LOG_SIGMA_MIN, LOG_SIGMA_MAX]; the constant log sqrt(2 pi) is omitted.
 * Weights are normalised to mean 1 over the training set, so the loss is per event.
 */
export function hetGaussianNll(y: tf.Tensor, mu: tf.Tensor, logSigma: tf.Tensor, w: tf.Tensor): tf.Scalar {
  return tf.tidy(() => {
    const ls = tf.clipByValue(logSigma, LOG_SIGMA_MIN, LOG_SIGMA_MAX);
    const perEvent = tf.add(tf.mul(tf.square(tf.sub(y, mu)), tf.mul(0.5, tf.exp(tf.mul(-2, ls)))), ls);
    return tf.mean(tf.mul(perEvent, w));
  });
}

/**
 * Weighted diagonal-Gaussian NLL over T targets: mean_i w_i sum_t [ (y_it - mu_it)^2 / (2 sigma_it^2)
 * + log sigma_it ], log sigma clipped as in `hetGaussianNll` (which it equals for T = 1). y, mu and
 * logSigma are [..., T]; w has one entry per event ([...] or [..., 1]).
 */
export function diagGaussianNll(y: tf.Tensor, mu: tf.Tensor, logSigma: tf.Tensor, w: tf.Tensor): tf.Scalar {
  return tf.tidy(() => {
    const ls = tf.clipByValue(logSigma, LOG_SIGMA_MIN, LOG_SIGMA_MAX);
    const perTarget = tf.add(tf.mul(tf.square(tf.sub(y, mu)), tf.mul(0.5, tf.exp(tf.mul(-2, ls)))), ls);
    const perEvent = tf.sum(perTarget, -1);
    return tf.mean(tf.mul(perEvent, tf.reshape(w, perEvent.shape)));
  });
}
