import type { UQMethod } from '@hepuq/core';
import { fitStochastic } from '../model/fit-stochastic.js';
import { StochasticModel } from '../model/stochastic-model.js';
import { BnnClassifierOptions } from './bnn-options.js';

export const BNN_CLASSIFIER = 'bnn-classifier';

/**
 * Bayesian binary classifier: mean-field Gaussian weights, sigmoid output, ELBO with weighted BCE.
 * prob = mean over draws of sigmoid(logit_r), sigmaProb = their spread, so sigmaProb^2 <= prob (1 - prob)
 * for every event; the mu-sigma parabola of Bollweg et al. 1904.10004 (Plehn 2022).
 * @example const model = await bnnClassifierMethod.fit(train, BnnClassifierOptions.parse({}), ctx)
 */
export const bnnClassifierMethod: UQMethod<typeof BnnClassifierOptions> = {
  key: BNN_CLASSIFIER,
  task: 'classification',
  description: 'Bayesian MLP classifier (mean-field VI; sigmoid, or softmax for K >= 3 classes): probabilities with sigma_prob and replicas',
  options: BnnClassifierOptions,
  fit(data, options, ctx) {
    return fitStochastic(data, {
      method: BNN_CLASSIFIER,
      task: 'classification',
      network: { kind: 'variational', priorSigma: options.priorSigma, initSigma: options.initSigma, layer: options.layer },
      head: { kind: 'bernoulli' },
      options,
    }, ctx);
  },
  load(dir, ctx) {
    return StochasticModel.load(dir, BNN_CLASSIFIER, ctx.networks);
  },
};
