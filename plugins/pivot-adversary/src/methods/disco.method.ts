import { distanceCorrelationSq } from '../penalties/distance-correlation.js';
import { penalizedFit } from '../training/penalized-fit.js';
import { decorrelationMethod } from './classifier-recipe.js';
import { DISCO, DiscoOptions } from './disco.options.js';

/**
 * `disco`: a classifier with the distance-correlation penalty of Kasieczka & Shih (2001.05310),
 * L = BCE + lambda dCor^2(score, target) on the background of each minibatch (O(B^2) per batch, so
 * `batchSize` bounds its cost).
 * @example method: { use: disco, options: { nuisance: m, lambda: 20, batchSize: 1024 } }   # in a run config
 */
export const discoMethod = decorrelationMethod({
  key: DISCO,
  description: 'Classifier decorrelated from a column by a distance-correlation penalty (DisCo); sigma_prob = 0',
  options: DiscoOptions,
  async train({ net, data, label, target, options, ctx }) {
    await penalizedFit(net, data, label, target.values, options, distanceCorrelationSq, DISCO, ctx);
    return {};
  },
});
