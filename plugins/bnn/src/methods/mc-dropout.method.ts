import type { UQMethod } from '@hepuq/core';
import { fitStochastic } from '../model/fit-stochastic.js';
import { StochasticModel } from '../model/stochastic-model.js';
import { McDropoutOptions } from './bnn-options.js';

export const MC_DROPOUT = 'mc-dropout';

/**
 * MC dropout regression (Gal & Ghahramani 1506.02142): Bernoulli dropout on hidden units, kept on at
 * prediction; the trivial variational family (Plehn 2022, "Link to standard networks"). Same heads,
 * label smearing and boosting as `bnn` (several targets: a diagonal Gaussian head, as `bnn`); the KL
 * becomes the weight decay (1 - p)|W|^2 / (2 s_p^2 N_train).
 * @example const model = await mcDropoutMethod.fit(train, McDropoutOptions.parse({ rate: 0.1 }), ctx)
 */
export const mcDropoutMethod: UQMethod<typeof McDropoutOptions> = {
  key: MC_DROPOUT,
  task: 'regression',
  multiTarget: true,
  description: 'MC dropout MLP (Bernoulli masks kept on at prediction; the mask spread the learned width holds is taken out of sigma_tot): Gaussian or mixture head, sigma_stat and sigma_syst',
  options: McDropoutOptions,
  fit(data, options, ctx) {
    return fitStochastic(data, {
      method: MC_DROPOUT,
      task: 'regression',
      network: { kind: 'dropout', rate: options.rate, priorSigma: options.priorSigma },
      head: options.head === 'mixture' ? { kind: 'mixture', components: options.components } : { kind: 'gaussian' },
      options,
    }, ctx);
  },
  load(dir, ctx) {
    return StochasticModel.load(dir, MC_DROPOUT, ctx.networks);
  },
};
