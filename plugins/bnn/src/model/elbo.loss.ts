import * as tf from '@tensorflow/tfjs';
import type { LossValue } from '@hepuq/core';

export const ELBO = 'elbo';

/**
 * Negative ELBO per training event: L = (1/B) sum_i w_i NLL_i + beta KL[q || p] / N_train
 * (Blundell et al. 1505.05424, eq. 8 with the minibatch weighting pi_i = 1/M). The data term of the
 * full training set, sum_i w_i NLL_i, is estimated by N_train times the batch mean; dividing the whole
 * ELBO by N_train gives this per-event form. With event weights normalised to mean 1 over the training
 * set, N_train = number of training events = sum of the normalised weights. Terms: `nll` and
 * `kl` (= beta KL / N_train, the amount actually added), so nll + kl = loss.
 * @example const { total, terms } = elbo(nll, kl, 10_000)
 */
export function elbo(nll: tf.Scalar, kl: tf.Scalar, nTrain: number, beta = 1): LossValue {
  const klTerm = tf.mul(kl, beta / nTrain) as tf.Scalar;
  return { total: tf.add(nll, klTerm) as tf.Scalar, terms: { nll, kl: klTerm } };
}
