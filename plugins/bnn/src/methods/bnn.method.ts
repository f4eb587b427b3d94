import type { UQMethod } from '@hepuq/core';
import { fitStochastic } from '../model/fit-stochastic.js';
import { StochasticModel } from '../model/stochastic-model.js';
import { BnnOptions } from './bnn-options.js';

export const BNN = 'bnn';

/**
 * Bayesian regression network: mean-field Gaussian weights trained on the per-event ELBO
 * NLL + KL / N_train, heteroscedastic Gaussian or Gaussian-mixture likelihood head. Predictions give
 * sigma_stat (spread over weight draws; vanishes with infinite training data) and sigma_syst (the
 * learned width, averaged over draws; vanishes for noise-free labels) — Plehn 2022/2025 (seed talks).
 * Several targets (`data.targets`) get a diagonal Gaussian head, (mu_t, log sigma_t) per target.
 * @example const model = await bnnMethod.fit(train, BnnOptions.parse({ epochs: 60 }), ctx)
 */
export const bnnMethod: UQMethod<typeof BnnOptions> = {
  key: BNN,
  task: 'regression',
  multiTarget: true,
  description: 'Bayesian MLP (mean-field VI, local reparameterisation): Gaussian or mixture head, sigma_stat and sigma_syst; sigma_stat grows in training gaps about 2-3x (3 hidden layers: about 4x; ensembles: docs)',
  options: BnnOptions,
  fit(data, options, ctx) {
    return fitStochastic(data, {
      method: BNN,
      task: 'regression',
      network: { kind: 'variational', priorSigma: options.priorSigma, initSigma: options.initSigma, layer: options.layer },
      head: options.head === 'mixture' ? { kind: 'mixture', components: options.components } : { kind: 'gaussian' },
      options,
    }, ctx);
  },
  load(dir, ctx) {
    return StochasticModel.load(dir, BNN, ctx.networks);
  },
};
