import * as tf from '@tensorflow/tfjs';
import { type Dataset, type FittedModel, type ModelGraph, HepuqError, NetworkRef, type ClassificationPrediction, type MethodContext, type MulticlassPrediction, type UQMethod } from '@hepuq/core';
import { z } from 'zod';
import { weightedBce } from '../loss/weighted-bce.loss.js';
import { weightedSoftmaxCe } from '../loss/weighted-softmax-ce.loss.js';
import { classificationGraph, multiclassGraph } from '../export/model-graphs.js';
import { balancedWeights, ClassesOption, classLabels, savedClasses } from '../classes/class-labels.js';
import { multiclassMoments, multiclassPrediction } from '../classes/multiclass-moments.js';
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
  /** Number of classes or their names (labels 0..K-1); default: largest label + 1. K >= 3 trains a softmax head. */
  classes: ClassesOption,
}).strict();
export type MlpClassifierOptions = z.infer<typeof MlpClassifierOptions>;

interface MlpClassifierSpec extends NetworkModelSpec {
  options: MlpClassifierOptions;
  /** Class names of a K >= 3 softmax classifier; absent for the binary sigmoid classifier. */
  classes?: string[];
}

/**
 * Deterministic classifier on any network body (MLP by default): sigmoid output trained on weighted
 * binary cross-entropy, or for K >= 3 classes a softmax output trained on weighted categorical
 * cross-entropy. The default classifier plugins train through the methods registry (e.g. calogan-eval's
 * two-sample test). sigmaProb is 0 (no posterior).
 */
export const mlpClassifierMethod: UQMethod<typeof MlpClassifierOptions> = {
  key: MLP_CLASSIFIER,
  task: 'classification',
  description: 'MLP classifier (sigmoid and weighted BCE, or softmax and weighted cross-entropy for K >= 3 classes); sigma_prob = 0',
  options: MlpClassifierOptions,
  warmStart: true,

  async fit(data, options, ctx) {
    const { label, classes } = classLabels(data, options.classes);
    const k = classes.length;
    const train = options.balance ? data.withWeights(balancedWeights(data.weights, label, k)) : data;
    const net = ctx.warmStart
      ? warmStartNetwork(ctx.warmStart, k)
      : DenseNetwork.create(planNetwork(train, options.network, { outputs: classOutputs(k), hidden: options.hidden, activation: options.activation }, { ...ctx, method: MLP_CLASSIFIER }), ctx.rng.fork('init'));
    await net.train(train, label, (out, yb, wb) => (k > 2 ? weightedSoftmaxCe(yb, out, wb) : weightedBce(yb, out, wb)), {
      ...options, rng: ctx.rng.fork('batches'), events: ctx.events, method: MLP_CLASSIFIER, signal: ctx.signal, checkpoints: ctx.checkpoints,
    });
    return new MlpClassifierModel(net, { options, network: net.plan.spec, featureNames: [...data.featureNames], ...(k > 2 ? { classes } : {}) });
  },

  async load(dir: string, ctx: MethodContext) {
    const { net, spec } = await readNetworkModel<MlpClassifierSpec>(dir, MLP_CLASSIFIER, (saved) => classOutputs(savedClasses(saved.classes, dir)?.length ?? 2), ctx.networks);
    return new MlpClassifierModel(net, spec);
  },
};

class MlpClassifierModel extends NetworkModel<MlpClassifierSpec> {
  readonly method = MLP_CLASSIFIER;
  readonly task = 'classification' as const;

  async predict(data: Dataset): Promise<ClassificationPrediction | MulticlassPrediction> {
    const { classes } = this.spec;
    if (classes) return multiclassPrediction(this.net.evaluate(data, (out) => multiclassMoments(out.expandDims(0) as tf.Tensor3D, 0)), classes, 0, data.n);
    const { prob } = this.net.evaluate(data, (out) => ({ prob: tf.sigmoid(out.reshape([-1])) }));
    return { kind: 'classification', prob, sigmaProb: new Float32Array(data.n) };
  }

  graph(): ModelGraph {
    const model = { method: MLP_CLASSIFIER };
    const { classes } = this.spec;
    return classes
      ? multiclassGraph(this.net.plan, this.net.stackWeights(), 1, classes, model)
      : classificationGraph(this.net.plan, this.net.stackWeights(), 1, model);
  }

  /** The number of classes K (2 for the binary classifier). */
  get classCount(): number {
    return this.spec.classes?.length ?? 2;
  }
}

/**
 * A copy of a fitted classifier's network (body, weights and input standardisation) to continue
 * training; its plan checks the new data's features and sets when training starts.
 */
function warmStartNetwork(model: FittedModel, classes: number): DenseNetwork {
  if (!(model instanceof MlpClassifierModel)) {
    throw new HepuqError('InvalidArgument', `${MLP_CLASSIFIER} can warm-start only from an ${MLP_CLASSIFIER} model, not from "${model.method}"`);
  }
  if (model.classCount !== classes) {
    throw new HepuqError('InvalidArgument', `${MLP_CLASSIFIER} cannot warm-start a ${classes}-class classifier from a ${model.classCount}-class one`);
  }
  const net = model.network();
  return DenseNetwork.fromArrays(net.plan, net.toArrays());
}

/** Network outputs of a K-class classifier: one logit for two classes, K logits (softmax) otherwise. */
export function classOutputs(k: number): number {
  return k > 2 ? k : 1;
}
