import * as tf from '@tensorflow/tfjs';

/**
 * The R x K mixture averaged over draws, component by component, moment-matched to K Gaussians:
 * w_k = mean_r pi_rk, m_k = sum_r pi_rk m_rk / sum_r pi_rk, s_k^2 = sum_r pi_rk (s_rk^2 + m_rk^2) / sum_r pi_rk - m_k^2.
 * Keeps the total mean and variance exactly; components keep their identity across draws because q
 * is a single mode in weight space. Inputs [K, R, n], outputs [K, n].
 */
export function averageMixture(pi: tf.Tensor3D, means: tf.Tensor3D, sigmas: tf.Tensor3D): { weights: tf.Tensor2D; means: tf.Tensor2D; sigmas: tf.Tensor2D } {
  const sumPi = tf.sum(pi, 1);
  const m = tf.div(tf.sum(tf.mul(pi, means), 1), sumPi);
  const second = tf.div(tf.sum(tf.mul(pi, tf.add(tf.square(sigmas), tf.square(means))), 1), sumPi);
  return {
    weights: tf.div(sumPi, pi.shape[1]) as tf.Tensor2D,
    means: m as tf.Tensor2D,
    sigmas: tf.sqrt(tf.relu(tf.sub(second, tf.square(m)))) as tf.Tensor2D,
  };
}
