import * as tf from '@tensorflow/tfjs';
import { HepuqError, readModelDir, regressionPrediction, writeModelDir, type ClassificationPrediction, type Dataset, type FittedModel, type PredictOptions, type RegressionPrediction } from '@hepuq/core';
import { evaluateInChunks, eventsPerChunk, LOG_SIGMA_MAX, LOG_SIGMA_MIN, modelInputs, posteriorMoments, posteriorProbMoments, splitRows, type MlpArchitecture, type Standardizer } from '@hepuq/nn';
import { StackedMlp } from '../network/stacked-mlp.js';
import { PLUGIN_NAME } from '../plugin-meta.js';
import { channel } from '../training/member-loss.js';
import type { EnsembleTask } from '../training/training-set.js';

/** What a saved ensemble records besides its weights. */
export interface EnsembleSpec {
  method: string;
  task: EnsembleTask;
  options: Record<string, unknown>;
  architecture: MlpArchitecture;
  members: number;
  featureNames: string[];
  targetName: string;
  targetMean: number;
  targetStd: number;
}

/**
 * A trained ensemble, held stacked. Regression: mean, sigmaStat (spread of the member means),
 * sigmaSyst (rms of the member widths), replicas = the member means. Classification: prob (member
 * mean), sigmaProb (member std), replicas = the member probabilities. Replicas are coherent: replica r
 * is member r on every event.
 */
export class EnsembleModel implements FittedModel {
  readonly method: string;
  readonly task: EnsembleTask;

  constructor(readonly net: StackedMlp, readonly inputScale: Standardizer, readonly spec: EnsembleSpec) {
    this.method = spec.method;
    this.task = spec.task;
  }

  /** Load a model saved by `save`, checking that `method` wrote it. */
  static async load(dir: string, method: string): Promise<EnsembleModel> {
    const archive = await readModelDir(dir, method);
    const spec = archive.spec as unknown as EnsembleSpec;
    const get = (name: string): Float32Array => {
      const a = archive.arrays.find((x) => x.name === name);
      if (!a) throw new HepuqError('ModelLoadFailed', `${dir}: saved ${method} model lacks array "${name}"`, { plugin: PLUGIN_NAME });
      return a.data;
    };
    const net = StackedMlp.fromArrays(spec.architecture, spec.members, archive.arrays);
    return new EnsembleModel(net, { mean: get('input_mean'), std: get('input_std') }, spec);
  }

  /**
   * Predict with all M members; `replicas` R <= M returns members 0..R-1 as coherent replicas (an
   * ensemble has exactly M function draws: asking for more is an error, not a silent repeat).
   */
  async predict(data: Dataset, options: PredictOptions = {}): Promise<RegressionPrediction | ClassificationPrediction> {
    const replicas = options.replicas ?? 0;
    if (!Number.isInteger(replicas) || replicas < 0 || replicas > this.spec.members) {
      throw new HepuqError('InvalidArgument', `${this.method}: ${replicas} replicas asked for, but the ensemble has ${this.spec.members} members`, {
        hint: 'Ask for at most `members` replicas, or train a larger ensemble (option `members`).', plugin: PLUGIN_NAME,
      });
    }
    const x = this.inputMatrix(data);
    return this.task === 'regression' ? this.predictRegression(x, data.n, replicas) : this.predictClassification(x, data.n, replicas);
  }

  private predictRegression(x: Float32Array, n: number, replicas: number): RegressionPrediction {
    const { targetMean: m, targetStd: s } = this.spec;
    const cols = this.evaluate(x, n, (out) => {
      const mu = channel(out, 0).mul(s).add(m) as tf.Tensor2D;
      const variance = tf.exp(tf.mul(2, tf.clipByValue(channel(out, 1), LOG_SIGMA_MIN, LOG_SIGMA_MAX))).mul(s * s) as tf.Tensor2D;
      const mom = posteriorMoments(mu, variance);
      const result: Record<string, tf.Tensor> = { mean: mom.mean, stat: mom.stat, syst: mom.syst };
      if (replicas > 0) result.replicas = mu.slice([0, 0], [replicas, -1]);
      return result;
    });
    return regressionPrediction(cols.mean, cols.stat, cols.syst, replicas > 0 ? { replicas: splitRows(cols.replicas, replicas, n) } : {});
  }

  private predictClassification(x: Float32Array, n: number, replicas: number): ClassificationPrediction {
    const cols = this.evaluate(x, n, (out) => {
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

  /** Standardised input matrix after checking feature names and finiteness. */
  private inputMatrix(data: Dataset): Float32Array {
    return modelInputs(data, this.spec.featureNames, this.inputScale);
  }

  /**
   * Run all members over the events in chunks (M x chunk x widest layer floats at a time; every member
   * sees the same inputs) and gather `reduce`'s outputs: per-event tensors [c] or [rows, c] become
   * Float32Arrays [n] or [rows * n].
   */
  private evaluate(x: Float32Array, n: number, reduce: (out: tf.Tensor3D) => Record<string, tf.Tensor>): Record<string, Float32Array> {
    const arch = this.spec.architecture;
    const chunk = eventsPerChunk(this.spec.members, Math.max(arch.inputs, ...arch.hidden, arch.outputs));
    return evaluateInChunks(n, chunk, [{ values: x, width: arch.inputs }], ([xb]) => reduce(this.net.forward(tf.expandDims(xb, 0) as tf.Tensor3D)));
  }

  async save(dir: string): Promise<void> {
    const arrays = [
      ...this.net.toArrays(),
      { name: 'input_mean', shape: [this.inputScale.mean.length], data: this.inputScale.mean },
      { name: 'input_std', shape: [this.inputScale.std.length], data: this.inputScale.std },
    ];
    await writeModelDir(dir, { method: this.method, spec: { ...this.spec }, arrays });
  }

  dispose(): void {
    this.net.dispose();
  }
}
