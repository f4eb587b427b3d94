import { assertFiniteDataset, type UQMethod } from '@hepuq/core';
import { weightedStd, weightSummary } from '@hepuq/stats';
import { balancedWeights, checkedLabels, DenseNetwork, readNetworkModel, weightedBce } from '@hepuq/nn';
import { decorrelationTarget } from '../data/decorrelation-target.js';
import { AWARE_CLASSIFIER, AwareClassifierOptions } from './aware-classifier.options.js';
import { AwareModel, withNuisanceInput, type AwareSpec } from './aware-model.js';

/**
 * `aware-classifier`: a classifier parameterised on the nuisance, f(x, z), trained on events whose Z
 * is drawn over its prior (uncertainty-aware learning, Ghosh, Nachman, Whiteson 2105.08742). It stays
 * optimal at every Z; Z is then profiled in the final likelihood (run step `aware-profile`). The Z
 * prior it records is the weighted mean and standard deviation of Z over the training set.
 * @example method: { use: aware-classifier, options: { nuisance: z, epochs: 40 } }   # in a run config
 */
export const awareClassifierMethod: UQMethod<typeof AwareClassifierOptions> = {
  key: AWARE_CLASSIFIER,
  task: 'classification',
  description: 'Classifier parameterised on a nuisance, f(x, z), for profiling Z (uncertainty-aware learning); sigma_prob = 0',
  options: AwareClassifierOptions,

  async fit(input, options, ctx) {
    const label = checkedLabels(input);
    assertFiniteDataset(input);
    const target = decorrelationTarget(input, options.nuisance, AWARE_CLASSIFIER);
    const weighted = options.balance ? input.withWeights(balancedWeights(input.weights, label)) : input;
    const data = withNuisanceInput(weighted, target.name, target.values);
    const net = DenseNetwork.mlp(data, { outputs: 1, hidden: options.hidden, activation: options.activation }, ctx.rng.fork('init'));
    await net.train(data, label, (out, yb, wb) => weightedBce(yb, out, wb), {
      ...options, rng: ctx.rng.fork('batches'), events: ctx.events, method: AWARE_CLASSIFIER, signal: ctx.signal, checkpoints: ctx.checkpoints,
    });
    const spec: AwareSpec = {
      options, network: net.plan.spec, featureNames: [...data.featureNames], nuisance: target.name, prior: weightedPrior(target.values, input.weights),
      nuisanceBins: options.nuisanceBins, sculpt: options.sculpt, sculptEfficiency: options.sculptEfficiency,
    };
    return new AwareModel(net, spec);
  },

  async load(dir, ctx) {
    const { net, spec } = await readNetworkModel<AwareSpec>(dir, AWARE_CLASSIFIER, 1, ctx.networks);
    return new AwareModel(net, spec);
  },
};

/** Weighted mean and standard deviation of Z: the prior the classifier was trained over. */
function weightedPrior(z: Float32Array, w: Float32Array): { mean: number; std: number } {
  const sd = weightedStd(z, w, weightSummary(w));
  return { mean: sd.mean.value, std: sd.value };
}
