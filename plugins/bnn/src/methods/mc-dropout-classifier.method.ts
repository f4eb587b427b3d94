import type { UQMethod } from '@hepuq/core';
import { fitStochastic } from '../model/fit-stochastic.js';
import { StochasticModel } from '../model/stochastic-model.js';
import { McDropoutClassifierOptions } from './bnn-options.js';

export const MC_DROPOUT_CLASSIFIER = 'mc-dropout-classifier';

/**
 * MC dropout binary classifier: sigmoid output, dropout masks kept on at prediction; prob and
 * sigmaProb over R mask draws (each draw drops the same units for every event).
 * @example const model = await mcDropoutClassifierMethod.fit(train, McDropoutClassifierOptions.parse({}), ctx)
 */
export const mcDropoutClassifierMethod: UQMethod<typeof McDropoutClassifierOptions> = {
  key: MC_DROPOUT_CLASSIFIER,
  task: 'classification',
  description: 'MC dropout MLP classifier (sigmoid, or softmax for K >= 3 classes): probabilities with sigma_prob and replicas',
  options: McDropoutClassifierOptions,
  fit(data, options, ctx) {
    return fitStochastic(data, {
      method: MC_DROPOUT_CLASSIFIER,
      task: 'classification',
      network: { kind: 'dropout', rate: options.rate, priorSigma: options.priorSigma },
      head: { kind: 'bernoulli' },
      options,
    }, ctx);
  },
  load(dir, ctx) {
    return StochasticModel.load(dir, MC_DROPOUT_CLASSIFIER, ctx.networks);
  },
};
