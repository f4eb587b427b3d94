import * as tf from '@tensorflow/tfjs';
import { HepuqError, readModelDir, regressionPrediction, writeModelDir, type ClassificationPrediction, type Dataset, type MulticlassPrediction, type FittedModel, type GraphOptions, type ModelGraph, type NetworkBody, type NetworkSpec, type PredictOptions, type Registry, type RegressionPrediction } from '@hepuq/core';
import { classificationGraph, classOutputs, savedClasses, evaluateNetwork, multiclassGraph, multiclassMoments, multiclassPrediction, regressionGraph, LOG_SIGMA_MAX, LOG_SIGMA_MIN, legacyMlpSpec, posteriorMoments, posteriorProbMoments, resolveNetworkBody, splitRows, type MlpArchitecture } from '@hepuq/nn';
import { StackedNetwork } from '../network/stacked-network.js';
import { PLUGIN_NAME } from '../plugin-meta.js';
import { channel } from '../training/member-loss.js';
import type { EnsembleTask } from '../training/training-set.js';

/** What a saved ensemble records besides its weights. */
export interface EnsembleSpec {
  method: string;
  task: EnsembleTask;
  options: Record<string, unknown>;
  /** The network body every member shares. */
  network: NetworkSpec;
  members: number;
  featureNames: string[];
  targetName: string;
  targetMean: number;
  targetStd: number;
  /** Class names of K >= 3 softmax members; absent for regression and binary classifiers. */
  classes?: string[];
}

/**
 * A trained ensemble, held stacked. Regression: mean, sigmaStat (spread of the member means),
 * sigmaSyst (rms of the member widths), replicas = the member means. Classification: prob (member
 * mean), sigmaProb (member std), replicas = the member probabilities; with K >= 3 classes the same
 * per class of the members' softmax outputs. Replicas are coherent: replica r is member r on every event.
 */
export class EnsembleModel implements FittedModel {
  readonly method: string;
  readonly task: EnsembleTask;

  constructor(readonly net: StackedNetwork, readonly spec: EnsembleSpec) {
    this.method = spec.method;
    this.task = spec.task;
  }

  /**
   * Load a model saved by `save`, checking that `method` wrote it; the body comes from `networks` or
   * the built-in bodies. Ensembles saved before bodies existed (an `architecture`, no `network`) load as `mlp`.
   */
  static async load(dir: string, method: string, networks?: Registry<NetworkBody>): Promise<EnsembleModel> {
    const archive = await readModelDir(dir, method);
    const raw = archive.spec as unknown as EnsembleSpec & { architecture?: MlpArchitecture };
    const network: NetworkSpec = raw.network ?? legacyMlpSpec(raw, dir);
    const plan = resolveNetworkBody(network.use, networks).restore(network, archive.arrays, raw.task === 'regression' ? 2 : classOutputs(savedClasses(raw.classes, dir)?.length ?? 2));
    return new EnsembleModel(StackedNetwork.fromArrays(plan, raw.members, archive.arrays), { ...raw, network });
  }

  /**
   * Predict with all M members; `replicas` R <= M returns members 0..R-1 as coherent replicas (an
   * ensemble has exactly M function draws: asking for more is an error, not a silent repeat).
   */
  async predict(data: Dataset, options: PredictOptions = {}): Promise<RegressionPrediction | ClassificationPrediction | MulticlassPrediction> {
    const replicas = this.checkedReplicas(options.replicas);
    const { classes } = this.spec;
    if (classes) return multiclassPrediction(this.evaluate(data, (out) => multiclassMoments(out, replicas)), classes, replicas, data.n);
    return this.task === 'regression' ? this.predictRegression(data, replicas) : this.predictClassification(data, replicas);
  }

  private predictRegression(data: Dataset, replicas: number): RegressionPrediction {
    const { targetMean: m, targetStd: s } = this.spec;
    const n = data.n;
    const cols = this.evaluate(data, (out) => {
      const mu = channel(out, 0).mul(s).add(m) as tf.Tensor2D;
      const variance = tf.exp(tf.mul(2, tf.clipByValue(channel(out, 1), LOG_SIGMA_MIN, LOG_SIGMA_MAX))).mul(s * s) as tf.Tensor2D;
      const mom = posteriorMoments(mu, variance);
      const result: Record<string, tf.Tensor> = { mean: mom.mean, stat: mom.stat, syst: mom.syst };
      if (replicas > 0) result.replicas = mu.slice([0, 0], [replicas, -1]);
      return result;
    });
    return regressionPrediction(cols.mean, cols.stat, cols.syst, replicas > 0 ? { replicas: splitRows(cols.replicas, replicas, n) } : {});
  }

  private predictClassification(data: Dataset, replicas: number): ClassificationPrediction {
    const n = data.n;
    const cols = this.evaluate(data, (out) => {
      const p = tf.sigmoid(channel(out, 0)) as tf.Tensor2D;
      const mom = posteriorProbMoments(p);
      const result: Record<string, tf.Tensor> = { prob: mom.prob, sigma: mom.sigma };
      if (replicas > 0) result.replicas = p.slice([0, 0], [replicas, -1]);
      return result;
    });
    const pred: ClassificationPrediction = { kind: 'classification', prob: cols.prob, sigmaProb: cols.sigma };
    if (replicas > 0) pred.replicas = splitRows(cols.replicas, replicas, n);
    return pred;
  }

  /**
   * Run all members over the events in chunks (M x chunk x rows per event x widest layer floats at a
   * time; every member sees the same inputs, checked by the body against the training features) and
   * gather `reduce`'s outputs: per-event tensors [c] or [rows, c] become Float32Arrays [n] or [rows * n].
   */
  private evaluate(data: Dataset, reduce: (out: tf.Tensor3D) => Record<string, tf.Tensor>): Record<string, Float32Array> {
    return evaluateNetwork(this.net.plan, data, this.spec.members, (inputs) => reduce(this.net.forward(inputs)));
  }

  /** The members as the replica axis of one graph, combined as `predict` combines them (all M, whatever `replicas` <= M asks for). */
  graph(options: GraphOptions = {}): ModelGraph {
    this.checkedReplicas(options.replicas);
    const model = { method: this.method, replicas: `the ${this.spec.members} ensemble members` };
    const weights = this.net.stackWeights();
    if (this.spec.classes) return multiclassGraph(this.net.plan, weights, this.spec.members, this.spec.classes, model);
    return this.task === 'regression'
      ? regressionGraph(this.net.plan, weights, this.spec.members, { mean: this.spec.targetMean, std: this.spec.targetStd }, model)
      : classificationGraph(this.net.plan, weights, this.spec.members, model);
  }

  private checkedReplicas(replicas = 0): number {
    if (!Number.isInteger(replicas) || replicas < 0 || replicas > this.spec.members) {
      throw new HepuqError('InvalidArgument', `${this.method}: ${replicas} replicas asked for, but the ensemble has ${this.spec.members} members`, {
        hint: 'Ask for at most `members` replicas, or train a larger ensemble (option `members`).', plugin: PLUGIN_NAME,
      });
    }
    return replicas;
  }

  async save(dir: string): Promise<void> {
    await writeModelDir(dir, { method: this.method, spec: { ...this.spec }, arrays: this.net.toArrays() });
  }

  dispose(): void {
    this.net.dispose();
  }
}
