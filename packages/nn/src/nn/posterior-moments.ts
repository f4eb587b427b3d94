import * as tf from '@tensorflow/tfjs';

/**
 * Predictive moments over R posterior draws (BNN weight draws or ensemble members; Plehn et al.,
 * "statistics vs systematics"): <A> = mean_r mu_r, sigma_stat^2 = mean_r (mu_r - <A>)^2,
 * sigma_syst^2 = mean_r sigma_r^2. Population (1/R) variances, so sigma_tot^2 = sigma_stat^2 +
 * sigma_syst^2 is exactly the variance of the R-component predictive mixture. One definition for
 * every method, so BNNs and ensembles are interchangeable downstream. Inputs [R, n], outputs [n].
 * @example const { mean, stat, syst } = tf.tidy(() => posteriorMoments(mus, sigmas.square()))
 */
export function posteriorMoments(mean: tf.Tensor2D, variance: tf.Tensor2D): { mean: tf.Tensor1D; stat: tf.Tensor1D; syst: tf.Tensor1D } {
  const m = tf.mean(mean, 0);
  return {
    mean: m as tf.Tensor1D,
    stat: tf.sqrt(tf.mean(tf.square(tf.sub(mean, m)), 0)) as tf.Tensor1D,
    syst: tf.sqrt(tf.mean(variance, 0)) as tf.Tensor1D,
  };
}

/**
 * Mean and standard deviation over draws of per-draw probabilities p_r [R, n] (or [R, K, n] per
 * class). With the 1/R variance, sigma^2 <= prob (1 - prob) holds exactly for values in [0, 1]
 * (Bhatia-Davis inequality).
 */
export function posteriorProbMoments(p: tf.Tensor2D): { prob: tf.Tensor1D; sigma: tf.Tensor1D };
export function posteriorProbMoments(p: tf.Tensor3D): { prob: tf.Tensor2D; sigma: tf.Tensor2D };
export function posteriorProbMoments(p: tf.Tensor): { prob: tf.Tensor; sigma: tf.Tensor } {
  const m = tf.mean(p, 0);
  return { prob: m, sigma: tf.sqrt(tf.mean(tf.square(tf.sub(p, m)), 0)) };
}
