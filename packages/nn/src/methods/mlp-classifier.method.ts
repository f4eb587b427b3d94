import * as tf from '@tensorflow/tfjs';
import { dataRow, type Dataset, type FittedModel, type ModelGraph, HepuqError, NetworkRef, type ClassificationPrediction, type MethodContext, type UQMethod } from '@hepuq/core';
import { z } from 'zod';
import { weightedBce } from '../loss/weighted-bce.loss.js';
import { classificationGraph } from '../export/model-graphs.js';
import { DenseNetwork } from '../network/dense-network.js';
import { planNetwork } from '../network/network-bodies.js';
import { NetworkModel, readNetworkModel, type NetworkModelSpec } from '../network/network-model.js';
import { MlpOptions } from '../nn/mlp-options.js';

export const MLP_CLASSIFIER = 'mlp-classifier';
export const MlpClassifierOptions = MlpOptions.extend({
  /** Reweight the classes to equal total weight (e.g. for a likelihood ratio between samples of different size). */
  balance: z.boolean().default(false),
  /** The network body (default `mlp`; `deep-sets`, `pfn`, `efn` read a particle set). */
  network: NetworkRef,
}).strict();
export type MlpClassifierOptions = z.infer<typeof MlpClassifierOptions>;

interface MlpClassifierSpec extends NetworkModelSpec {
  options: MlpClassifierOptions;
}

/**
 * Deterministic classifier on any network body (MLP by default): sigmoid output trained on weighted binary cross-entropy. The default
 * classifier plugins train through the methods registry (e.g. calogan-eval's two-sample test). sigmaProb is 0 (no posterior).
 */
export const mlpClassifierMethod: UQMethod<typeof MlpClassifierOptions> = {
  key: MLP_CLASSIFIER,
  task: 'classification',
  description: 'MLP classifier (sigmoid, weighted BCE); sigma_prob = 0',
  options: MlpClassifierOptions,
  warmStart: true,

  async fit(data, options, ctx) {
    const label = checkedLabels(data);
    const train = options.balance ? data.withWeights(balancedWeights(data.weights, label)) : data;
    const net = ctx.warmStart
      ? warmStartNetwork(ctx.warmStart)
      : DenseNetwork.create(planNetwork(train, options.network, { outputs: 1, hidden: options.hidden, activation: options.activation }, { ...ctx, method: MLP_CLASSIFIER }), ctx.rng.fork('init'));
    await net.train(train, label, (out, yb, wb) => weightedBce(yb, out, wb), {
      ...options, rng: ctx.rng.fork('batches'), events: ctx.events, method: MLP_CLASSIFIER, signal: ctx.signal, checkpoints: ctx.checkpoints,
    });
    return new MlpClassifierModel(net, { options, network: net.plan.spec, featureNames: [...data.featureNames] });
  },

  async load(dir: string, ctx: MethodContext) {
    const { net, spec } = await readNetworkModel<MlpClassifierSpec>(dir, MLP_CLASSIFIER, 1, ctx.networks);
    return new MlpClassifierModel(net, spec);
  },
};

class MlpClassifierModel extends NetworkModel<MlpClassifierSpec> {
  readonly method = MLP_CLASSIFIER;
  readonly task = 'classification' as const;

  async predict(data: Dataset): Promise<ClassificationPrediction> {
    const { prob } = this.net.evaluate(data, (out) => ({ prob: tf.sigmoid(out.reshape([-1])) }));
    return { kind: 'classification', prob, sigmaProb: new Float32Array(data.n) };
  }

  graph(): ModelGraph {
    return classificationGraph(this.net.plan, this.net.stackWeights(), 1, { method: MLP_CLASSIFIER });
  }
}

/**
 * A copy of a fitted classifier's network (body, weights and input standardisation) to continue
 * training; its plan checks the new data's features and sets when training starts.
 */
function warmStartNetwork(model: FittedModel): DenseNetwork {
  if (!(model instanceof MlpClassifierModel)) {
    throw new HepuqError('InvalidArgument', `${MLP_CLASSIFIER} can warm-start only from an ${MLP_CLASSIFIER} model, not from "${model.method}"`);
  }
  const net = model.network();
  return DenseNetwork.fromArrays(net.plan, net.toArrays());
}

/** The label column, checked to be 0/1. */
export function checkedLabels(data: Dataset): Float32Array {
  if (!data.label) throw new HepuqError('MissingColumn', `${data.source}: classification needs a 0/1 label column`);
  const label = data.label;
  for (let i = 0; i < data.n; i++) {
    if (label[i] !== 0 && label[i] !== 1) {
      throw new HepuqError('InvalidArgument', `${data.source}: label "${data.labelName}" ${dataRow(i)} is ${label[i]}, expected 0 or 1`);
    }
  }
  return label;
}

/** Weights rescaled so both classes carry half the total weight. */
export function balancedWeights(weights: Float32Array, label: Float32Array): Float32Array {
  const sums = [0, 0];
  for (let i = 0; i < weights.length; i++) sums[label[i]] += weights[i];
  if (!(sums[0] > 0 && sums[1] > 0)) throw new HepuqError('InvalidArgument', 'class balancing needs positive total weight in both classes');
  const total = sums[0] + sums[1];
  return Float32Array.from(weights, (w, i) => (w * total) / (2 * sums[label[i]]));
}
