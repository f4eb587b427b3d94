import * as tf from '@tensorflow/tfjs';
import { boundLogSigma, type LogSigmaBound } from '@hepuq/nn';
import { outputColumns, type RegressionHead } from './head.js';

/** Components of a Gaussian-mixture output, each [K, ...]: log weights, means, widths. */
export interface MixtureComponents {
  logWeights: tf.Tensor;
  means: tf.Tensor;
  sigmas: tf.Tensor;
}

/**
 * Split [.., 3K] mixture outputs (logits, means, log sigmas) into component tensors with K leading,
 * log sigma bounded by `bound` (@hepuq/nn's `boundLogSigma`).
 */
export function mixtureComponents(out: tf.Tensor2D | tf.Tensor3D, k: number, bound: LogSigmaBound = 'soft'): MixtureComponents {
  const cols = out.rank === 2 ? outputColumns(out as tf.Tensor2D, [k, k, k]) : outputColumns(out as tf.Tensor3D, [k, k, k]);
  const [logits, means, logSigma] = cols as tf.Tensor[];
  return {
    logWeights: tf.sub(logits, tf.logSumExp(logits, 0, true)),
    means,
    sigmas: tf.exp(boundLogSigma(logSigma, bound)),
  };
}

/**
 * Gaussian-mixture head with K components (Bishop 1994, mixture density networks):
 * NLL = -log sum_k pi_k N(y; m_k, s_k^2) + log sqrt(2 pi), i.e. the constant is dropped as in the
 * Gaussian head, so K = 1 reproduces the Gaussian NLL exactly. Per draw the predictive moments are
 * mean = sum_k pi_k m_k and variance = sum_k pi_k (s_k^2 + m_k^2) - mean^2. Training bounds log s_k
 * softly; `bound` is how a saved model's draws bound it at prediction (`clip` for models saved before).
 * @example const head = mixtureHead(3); head.outputs // 9
 */
export function mixtureHead(k: number, bound: LogSigmaBound = 'soft'): RegressionHead {
  return {
    kind: 'mixture',
    outputs: 3 * k,
    nll(out, y, w) {
      return tf.tidy(() => {
        const c = mixtureComponents(out, k);
        const yRow = y.reshape([1, -1]);
        const logN = tf.sub(tf.mul(-0.5, tf.square(tf.div(tf.sub(yRow, c.means), c.sigmas))), tf.log(c.sigmas));
        const perEvent = tf.neg(tf.logSumExp(tf.add(c.logWeights, logN), 0));
        return tf.mean(tf.mul(perEvent, w));
      });
    },
    drawMoments(out) {
      const c = mixtureComponents(out, k, bound);
      const pi = tf.exp(c.logWeights);
      const mean = tf.sum(tf.mul(pi, c.means), 0);
      const second = tf.sum(tf.mul(pi, tf.add(tf.square(c.sigmas), tf.square(c.means))), 0);
      // one target: [R, 1, n]
      const [r, n] = out.shape;
      return { mean: mean.reshape([r, 1, n]), variance: tf.relu(tf.sub(second, tf.square(mean))).reshape([r, 1, n]) };
    },
  };
}
