import * as tf from '@tensorflow/tfjs';

/**
 * How the draws' learned widths relate to the spread of their means. `added` (posterior draws,
 * ensemble members): sigma_syst^2 = mean_r sigma_r^2 and the spread adds to it. `in-noise` (MC
 * dropout trained with one mask per event): a width fitted to masked outputs mu_m learns
 * E_m (y - mu_m)^2 = s^2 + (mean_m mu_m - f)^2 + Var_m mu_m, so mean_r sigma_r^2 - sigma_stat^2 is the
 * variance of y about the averaged mean (noise plus its error), which is what sigma_tot must be;
 * sigma_syst^2 = max(mean_r sigma_r^2 - 2 sigma_stat^2, 0) keeps sigma_tot^2 = sigma_stat^2 + sigma_syst^2.
 */
export type DrawSpread = 'added' | 'in-noise';

/**
 * Predictive moments over R posterior draws (BNN weight draws or ensemble members; Plehn et al.,
 * "statistics vs systematics"): <A> = mean_r mu_r, sigma_stat^2 = mean_r (mu_r - <A>)^2,
 * sigma_syst^2 = mean_r sigma_r^2. Population (1/R) variances, so sigma_tot^2 = sigma_stat^2 +
 * sigma_syst^2 is exactly the variance of the R-component predictive mixture. One definition for
 * every method, so BNNs and ensembles are interchangeable downstream. Inputs [R, n], outputs [n].
 * `statScale` multiplies the reported sigma_stat only (e.g. `predictiveStatScale(R)`, the ensembles'
 * small-R correction); sigma_syst is computed from the unscaled spread either way.
 * @example const { mean, stat, syst } = tf.tidy(() => posteriorMoments(mus, sigmas.square()))
 */
export function posteriorMoments(mean: tf.Tensor2D, variance: tf.Tensor2D, spread: DrawSpread = 'added', statScale = 1): { mean: tf.Tensor1D; stat: tf.Tensor1D; syst: tf.Tensor1D } {
  const m = tf.mean(mean, 0);
  const stat2 = tf.mean(tf.square(tf.sub(mean, m)), 0);
  const noise2 = tf.mean(variance, 0);
  return {
    mean: m as tf.Tensor1D,
    stat: (statScale === 1 ? tf.sqrt(stat2) : tf.mul(tf.sqrt(stat2), statScale)) as tf.Tensor1D,
    syst: tf.sqrt(spread === 'in-noise' ? tf.relu(tf.sub(noise2, tf.mul(stat2, 2))) : noise2) as tf.Tensor1D,
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
