import * as tf from '@tensorflow/tfjs';

/**
 * The per-step quantities of a mean-field Gaussian posterior, from the packed parameter vector
 * params = [mu (P), rho (P)], as ONE custom-gradient op: mu, s2 = sigma^2 with sigma = softplus(rho)
 * (the variances the local reparameterisation needs), and
 * KL[q || N(0, s_p^2)] = sum_j [ log(s_p / sigma_j) + (sigma_j^2 + mu_j^2) / (2 s_p^2) - 1/2 ]
 * (`gaussianKl`, to which the spec compares). Backward: dL/dmu += dL/dKL mu / s_p^2,
 * dL/drho = [2 sigma dL/ds2 + dL/dKL (sigma / s_p^2 - 1 / sigma)] sigmoid(rho). One packed variable
 * also halves the optimiser's kernels (Adam updates one tensor instead of two).
 */
export function variationalTerms(params: tf.Tensor1D, priorSigma: number): { mu: tf.Tensor1D; s2: tf.Tensor1D; kl: tf.Scalar } {
  const p = params.shape[0] / 2;
  const invPrior2 = 1 / (priorSigma * priorSigma);
  const op = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
    const [theta, save] = args as [tf.Tensor1D, tf.GradSaveFunc];
    const [m, r] = tf.split(theta, 2);
    const sigma = tf.softplus(r);
    const s2 = tf.square(sigma);
    const quad = tf.mul(tf.sum(tf.add(s2, tf.square(m))), 0.5 * invPrior2);
    const kl = tf.add(tf.sub(quad, tf.sum(tf.log(sigma))), p * (Math.log(priorSigma) - 0.5));
    save([m, r, sigma]);
    return {
      value: tf.concat([m, s2, kl.reshape([1])]) as tf.Tensor1D,
      gradFunc: (dy: tf.Tensor1D, [ms, rs, ss]: tf.Tensor[]) => {
        const [dMu, dS2, dKl] = tf.split(dy, [p, p, 1]);
        const dMuTotal = tf.add(dMu, tf.mul(ms, tf.mul(dKl, invPrior2)));
        const dSigma = tf.add(tf.mul(tf.mul(ss, dS2), 2), tf.mul(dKl, tf.sub(tf.mul(ss, invPrior2), tf.reciprocal(ss))));
        return tf.concat([dMuTotal, tf.mul(dSigma, tf.sigmoid(rs))]);
      },
    };
  });
  const [mu, s2, kl] = tf.split(op(params), [p, p, 1]);
  return { mu: mu as tf.Tensor1D, s2: s2 as tf.Tensor1D, kl: kl.reshape([]) as tf.Scalar };
}
