import * as tf from '@tensorflow/tfjs';

/**
 * Ensemble moments over M members (Plehn 2022/2025 seed talks, "Statistics vs systematics", with the
 * members as samples of q(theta)): <A> = mean_m mu_m, sigma_stat^2 = mean_m (mu_m - <A>)^2,
 * sigma_syst^2 = mean_m sigma_m^2. Population (1/M) variances, as the bnn plugin uses over its draws,
 * so sigma_tot^2 = sigma_stat^2 + sigma_syst^2 is exactly the variance of the M-component mixture.
 * Inputs [M, n], outputs [n].
 */
export function memberMoments(mean: tf.Tensor2D, variance: tf.Tensor2D): { mean: tf.Tensor1D; stat: tf.Tensor1D; syst: tf.Tensor1D } {
  const m = tf.mean(mean, 0);
  return {
    mean: m as tf.Tensor1D,
    stat: tf.sqrt(tf.mean(tf.square(tf.sub(mean, m)), 0)) as tf.Tensor1D,
    syst: tf.sqrt(tf.mean(variance, 0)) as tf.Tensor1D,
  };
}

/**
 * Mean and standard deviation over members of p_m [M, n]: prob = mean_m p_m, sigma^2 = mean_m (p_m - prob)^2,
 * which satisfies sigma^2 <= prob (1 - prob) for values in [0, 1] (Bhatia-Davis inequality).
 */
export function memberProbMoments(p: tf.Tensor2D): { prob: tf.Tensor1D; sigma: tf.Tensor1D } {
  const m = tf.mean(p, 0);
  return { prob: m as tf.Tensor1D, sigma: tf.sqrt(tf.mean(tf.square(tf.sub(p, m)), 0)) as tf.Tensor1D };
}
