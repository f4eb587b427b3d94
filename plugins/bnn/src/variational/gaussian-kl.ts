import * as tf from '@tensorflow/tfjs';

/**
 * KL[q || p] between the mean-field posterior q = prod N(mu_j, sigma_j^2) and the prior
 * p = prod N(0, s_p^2): sum_j [ log(s_p / sigma_j) + (sigma_j^2 + mu_j^2) / (2 s_p^2) - 1/2 ]
 * (Blundell et al. 1505.05424; Plehn 2022, "Link to standard networks").
 * @example gaussianKl(tf.zeros([3]), tf.ones([3]), 1) // 0
 */
export function gaussianKl(mu: tf.Tensor1D, sigma: tf.Tensor1D, priorSigma: number): tf.Scalar {
  return tf.tidy(() => {
    const n = mu.shape[0];
    const quad = tf.sum(tf.add(tf.square(sigma), tf.square(mu))).mul(1 / (2 * priorSigma * priorSigma));
    return quad.sub(tf.sum(tf.log(sigma))).add(n * (Math.log(priorSigma) - 0.5)) as tf.Scalar;
  });
}

/** softplus(rho) = log(1 + e^rho), the posterior width; its inverse rho = log(e^sigma - 1) sets initial widths. */
export function softplusInverse(sigma: number): number {
  return sigma > 20 ? sigma : Math.log(Math.expm1(sigma));
}
