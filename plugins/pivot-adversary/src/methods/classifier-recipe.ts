import { assertFiniteDataset, type Dataset, type MethodContext, type MetricValue, type UQMethod, type z } from '@hepuq/core';
import { balancedWeights, checkedLabels, DenseNetwork, readNetworkModel } from '@hepuq/nn';
import { decorrelationTarget, type TargetColumn } from '../data/decorrelation-target.js';
import { DecorrelatedModel, type DecorrelatedSpec } from '../model/decorrelated-model.js';
import type { ClassifierOptions } from '../options/decorrelation-options.js';

type Options = z.infer<typeof ClassifierOptions>;

/** What the training of a decorrelated classifier gets. */
export interface TrainInput<O extends Options> {
  net: DenseNetwork;
  data: Dataset;
  label: Float32Array;
  target: TargetColumn;
  options: O;
  ctx: MethodContext;
}

/** One decorrelation method: its key, options, and how it trains the classifier network. */
export interface DecorrelationRecipe<S extends z.ZodType<Options>> {
  key: string;
  description: string;
  options: S;
  /** Train `net` in place; returns values measured in training for metrics.json (may be empty). */
  train(input: TrainInput<z.infer<S>>): Promise<Record<string, MetricValue>>;
}

/**
 * A classification method from a recipe: labels checked (0/1), classes balanced on request, the
 * nuisance resolved and checked to vary, an MLP classifier created and trained by the recipe, and a
 * `DecorrelatedModel` (prob, sigma_prob = 0, diagnostics) returned; the network is freed on failure.
 * @example export const discoMethod = decorrelationMethod({ key: DISCO, description, options: DiscoOptions, train: trainDisco })
 */
export function decorrelationMethod<S extends z.ZodType<Options>>(recipe: DecorrelationRecipe<S>): UQMethod<S> {
  return {
    key: recipe.key,
    task: 'classification',
    description: recipe.description,
    options: recipe.options,

    async fit(input, options, ctx) {
      const label = checkedLabels(input);
      assertFiniteDataset(input);
      const target = decorrelationTarget(input, options.nuisance, recipe.key);
      const data = options.balance ? input.withWeights(balancedWeights(input.weights, label)) : input;
      const net = DenseNetwork.mlp(data, { outputs: 1, hidden: options.hidden, activation: options.activation }, ctx.rng.fork('init'));
      let training: Record<string, MetricValue>;
      try {
        training = await recipe.train({ net, data, label, target, options, ctx });
      } catch (e) {
        net.dispose();
        throw e;
      }
      const spec: DecorrelatedSpec = {
        options: options as Record<string, unknown>, network: net.plan.spec, featureNames: [...data.featureNames],
        nuisance: target.name, nuisanceBins: options.nuisanceBins, sculpt: options.sculpt, sculptEfficiency: options.sculptEfficiency, training,
      };
      return new DecorrelatedModel(recipe.key, net, spec);
    },

    async load(dir: string, ctx: MethodContext) {
      const { net, spec } = await readNetworkModel<DecorrelatedSpec>(dir, recipe.key, 1, ctx.networks);
      return new DecorrelatedModel(recipe.key, net, spec);
    },
  };
}
