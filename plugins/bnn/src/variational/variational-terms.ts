import * as tf from '@tensorflow/tfjs';

/**
 * The per-step quantities of a mean-field Gaussian posterior as ONE custom-gradient op in (mu, rho):
 * sigma = softplus(rho), s2 = sigma^2 (the variances the local reparameterisation needs), and
 * KL[q || N(0, s_p^2)] = sum_j [ log(s_p / sigma_j) + (sigma_j^2 + mu_j^2) / (2 s_p^2) - 1/2 ]
 * (`gaussianKl`, to which the spec compares). Backward: dKL/dmu = mu / s_p^2,
 * dL/drho = [2 sigma dL/ds2 + dL/dKL (sigma / s_p^2 - 1 / sigma)] * sigmoid(rho).
 */
export function variationalTerms(mu: tf.Tensor1D, rho: tf.Tensor1D, priorSigma: number): { s2: tf.Tensor1D; kl: tf.Scalar } {
  const p = mu.shape[0];
  const invPrior2 = 1 / (priorSigma * priorSigma);
  const op = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
    const [m, r, save] = args as [tf.Tensor1D, tf.Tensor1D, tf.GradSaveFunc];
    const sigma = tf.softplus(r);
    const s2 = tf.square(sigma);
    const quad = tf.mul(tf.sum(tf.add(s2, tf.square(m))), 0.5 * invPrior2);
    const kl = tf.add(tf.sub(quad, tf.sum(tf.log(sigma))), p * (Math.log(priorSigma) - 0.5));
    save([m, r, sigma]);
    return {
      value: tf.concat([s2, kl.reshape([1])]) as tf.Tensor1D,
      gradFunc: (dy: tf.Tensor1D, [ms, rs, ss]: tf.Tensor[]) => {
        const [dS2, dKl] = tf.split(dy, [p, 1]);
        const dMu = tf.mul(ms, tf.mul(dKl, invPrior2));
        const dSigma = tf.add(tf.mul(tf.mul(ss, dS2), 2), tf.mul(dKl, tf.sub(tf.mul(ss, invPrior2), tf.reciprocal(ss))));
        return [dMu, tf.mul(dSigma, tf.sigmoid(rs))];
      },
    };
  });
  const [s2, kl] = tf.split(op(mu, rho), [p, 1]);
  return { s2: s2 as tf.Tensor1D, kl: kl.reshape([]) as tf.Scalar };
}
