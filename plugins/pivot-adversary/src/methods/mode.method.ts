import * as tf from '@tensorflow/tfjs';
import { modePenalty } from '../penalties/moment-decomposition.js';
import { penalizedFit } from '../training/penalized-fit.js';
import { decorrelationMethod } from './classifier-recipe.js';
import { MODE, ModeOptions } from './mode.options.js';

/**
 * `mode`: a classifier with the moment-decomposition penalty of Kitouni et al. (2010.09745): the
 * background efficiency may depend on the mass-like column only through Legendre polynomials up to
 * `order` (0: flat).
 * @example method: { use: mode, options: { nuisance: m, lambda: 10, order: 1 } }   # in a run config
 */
export const modeMethod = decorrelationMethod({
  key: MODE,
  description: 'Classifier whose background efficiency follows a mass-like column at most as a Legendre polynomial of order 0-2 (MoDe); sigma_prob = 0',
  options: ModeOptions,
  async train({ net, data, label, target, options, ctx }) {
    await penalizedFit(net, data, label, target.values, options, (score, m, w) => {
      // a small last batch gets fewer mass bins (at least 2 events each); below 4 events no penalty
      let seen = 0;
      for (const v of w.dataSync()) if (v !== 0) seen++;
      const bins = Math.min(options.bins, Math.floor(seen / 2));
      return bins >= 2 ? modePenalty(score, m, w, { order: options.order, bins }) : tf.scalar(0);
    }, MODE, ctx);
    return {};
  },
});
