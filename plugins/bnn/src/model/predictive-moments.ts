import * as tf from '@tensorflow/tfjs';

/**
 * Predictive moments over R weight draws (Plehn 2022/2025, "Statistics vs systematics"):
 * <A> = mean_r mu_r, sigma_stat^2 = mean_r (mu_r - <A>)^2, sigma_syst^2 = mean_r sigma_r^2.
 * Population (1/R) variances, so sigma_tot^2 = sigma_stat^2 + sigma_syst^2 is exactly the variance
 * of the R-component predictive mixture. Inputs [R, n], outputs [n].
 */
export function drawMoments(mean: tf.Tensor2D, variance: tf.Tensor2D): { mean: tf.Tensor1D; stat: tf.Tensor1D; syst: tf.Tensor1D } {
  const m = tf.mean(mean, 0);
  return {
    mean: m as tf.Tensor1D,
    stat: tf.sqrt(tf.mean(tf.square(tf.sub(mean, m)), 0)) as tf.Tensor1D,
    syst: tf.sqrt(tf.mean(variance, 0)) as tf.Tensor1D,
  };
}

/**
 * Mean and standard deviation over draws of per-draw probabilities p_r [R, n]. With the 1/R
 * variance, sigma^2 <= mu (1 - mu) holds exactly for values in [0, 1] (Bhatia-Davis inequality).
 */
export function probMoments(p: tf.Tensor2D): { prob: tf.Tensor1D; sigma: tf.Tensor1D } {
  const m = tf.mean(p, 0);
  return { prob: m as tf.Tensor1D, sigma: tf.sqrt(tf.mean(tf.square(tf.sub(p, m)), 0)) as tf.Tensor1D };
}

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
