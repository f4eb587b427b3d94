import type { Loss, LossValue } from '@hepuq/core';
import type * as tf from '@tensorflow/tfjs';
import { mixtureHead } from './mixture.head.js';

export const GAUSSIAN_MIXTURE_NLL = 'gaussian-mixture-nll';

/** Registry entry for the mixture head's NLL: inputs `out` [B, 3K] (logits, means, log sigmas), `y` [B, 1], `weights` [B]. */
export const mixtureNllLoss: Loss = {
  key: GAUSSIAN_MIXTURE_NLL,
  description: 'Gaussian-mixture NLL -log sum_k pi_k N(y; m_k, s_k^2) (constant log sqrt(2 pi) dropped), event-weighted',
  inputs: ['out', 'y', 'weights'],
  compute(t): LossValue {
    const k = t.out.shape[1]! / 3;
    const nll = mixtureHead(k).nll(t.out as tf.Tensor2D, t.y as tf.Tensor2D, t.weights as tf.Tensor1D);
    return { total: nll, terms: { nll } };
  },
};
