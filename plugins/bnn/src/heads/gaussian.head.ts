import * as tf from '@tensorflow/tfjs';
import { hetGaussianNll, LOG_SIGMA_MAX, LOG_SIGMA_MIN } from '@hepuq/core';
import { outputColumns, type RegressionHead } from './head.js';

/**
 * Heteroscedastic Gaussian head: outputs (mu, log sigma), NLL |y - mu|^2 / (2 sigma^2) + log sigma
 * (core's `hetGaussianNll`, log sigma clamped to [log 1e-3, log 1e3] in standardised target units).
 */
export const gaussianHead: RegressionHead = {
  kind: 'gaussian',
  outputs: 2,
  nll(out, y, w) {
    const [mu, logSigma] = outputColumns(out, [1, 1]);
    return hetGaussianNll(y.reshape([1, -1]), mu, logSigma, w.reshape([1, -1]));
  },
  drawMoments(out) {
    const [mu, logSigma] = outputColumns(out, [1, 1]);
    const r = out.shape[0];
    const n = out.shape[1];
    const sigma = tf.exp(tf.clipByValue(logSigma, LOG_SIGMA_MIN, LOG_SIGMA_MAX));
    return { mean: mu.reshape([r, n]), variance: tf.square(sigma).reshape([r, n]) };
  },
};
