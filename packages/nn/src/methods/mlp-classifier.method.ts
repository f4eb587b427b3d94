import * as tf from '@tensorflow/tfjs';
import { dataRow, type Dataset, type FittedModel, HepuqError, type ClassificationPrediction, type MethodContext, type UQMethod } from '@hepuq/core';
import { z } from 'zod';
import { weightedBce } from '../loss/weighted-bce.loss.js';
import { MlpNetwork } from '../nn/mlp-network.js';
import { MlpModel, readMlpModel, type MlpModelSpec } from '../nn/mlp-model.js';
import { MlpOptions } from '../nn/mlp-options.js';

export const MLP_CLASSIFIER = 'mlp-classifier';
export const MlpClassifierOptions = MlpOptions.extend({
  /** Reweight the classes to equal total weight (e.g. for a likelihood ratio between samples of different size). */
  balance: z.boolean().default(false),
}).strict();
export type MlpClassifierOptions = z.infer<typeof MlpClassifierOptions>;

interface MlpClassifierSpec extends MlpModelSpec {
  options: MlpClassifierOptions;
}

/**
 * Deterministic MLP classifier: sigmoid output trained on weighted binary cross-entropy. The default
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
    const net = ctx.warmStart ? warmStartNetwork(ctx.warmStart, train) : MlpNetwork.create(train, options.hidden, 1, options.activation, ctx.rng.fork('init'));
    await net.train(train, label, (out, yb, wb) => weightedBce(yb, out, wb), {
      ...options, rng: ctx.rng.fork('batches'), events: ctx.events, method: MLP_CLASSIFIER, signal: ctx.signal, checkpoints: ctx.checkpoints,
    });
    return new MlpClassifierModel(net, { options, architecture: net.arch, featureNames: [...data.featureNames] });
  },

  async load(dir: string, _ctx: MethodContext) {
    const { net, spec } = await readMlpModel<MlpClassifierSpec>(dir, MLP_CLASSIFIER);
    return new MlpClassifierModel(net, spec);
  },
};

class MlpClassifierModel extends MlpModel<MlpClassifierSpec> {
  readonly method = MLP_CLASSIFIER;
  readonly task = 'classification' as const;

  async predict(data: Dataset): Promise<ClassificationPrediction> {
    const { prob } = this.net.evaluate(data, (out) => ({ prob: tf.sigmoid(out.reshape([-1])) }));
    return { kind: 'classification', prob, sigmaProb: new Float32Array(data.n) };
  }
}

/** A copy of a fitted classifier's network (weights and input standardisation) to continue training on `data`. */
function warmStartNetwork(model: FittedModel, data: Dataset): MlpNetwork {
  if (!(model instanceof MlpClassifierModel)) {
    throw new HepuqError('InvalidArgument', `${MLP_CLASSIFIER} can warm-start only from an ${MLP_CLASSIFIER} model, not from "${model.method}"`);
  }
  const net = model.network();
  const missing = net.featureNames.find((f) => !data.features[f]);
  if (missing || net.featureNames.length !== data.nFeatures) {
    throw new HepuqError('ShapeMismatch', `${data.source}: warm start needs the features ${net.featureNames.join(', ')}, the data has ${data.featureNames.join(', ')}`);
  }
  return MlpNetwork.fromArrays(net.arch, [...net.featureNames], net.toArrays());
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
