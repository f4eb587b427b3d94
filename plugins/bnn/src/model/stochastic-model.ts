import * as tf from '@tensorflow/tfjs';
import { HepuqError, readModelDir, regressionPrediction, Rng, writeModelDir, type ClassificationPrediction, type Dataset, type FittedModel, type NamedArray, type PredictOptions, type RegressionPrediction } from '@hepuq/core';
import { evaluateInChunks, eventsPerChunk, modelInputs, posteriorMoments, posteriorProbMoments, splitRows, type Standardizer } from '@hepuq/nn';
import type { ClassificationHead, Head, RegressionHead } from '../heads/head.js';
import { mixtureComponents } from '../heads/mixture.head.js';
import type { DrawSet, StochasticNetwork } from '../network/stochastic-network.js';
import { NoiseSource } from '../random/noise-source.js';
import { makeHead, makeNetwork, type StochasticSpec } from './model-spec.js';
import { averageMixture } from './predictive-moments.js';

/**
 * A trained stochastic network (variational or MC dropout) with its likelihood head. Predictions
 * sample R function draws, each held fixed across all events, from a seeded generator.
 */
export class StochasticModel implements FittedModel {
  readonly method: string;
  readonly task: 'regression' | 'classification';
  private readonly head: Head;

  constructor(
    readonly net: StochasticNetwork,
    readonly inputScale: Standardizer,
    readonly spec: StochasticSpec,
  ) {
    this.method = spec.method;
    this.task = spec.task;
    this.head = makeHead(spec.head);
  }

  /** Load a model saved by `save`, checking that it was written by `method`. */
  static async load(dir: string, method: string): Promise<StochasticModel> {
    const archive = await readModelDir(dir, method);
    const spec = archive.spec as unknown as StochasticSpec;
    const get = (name: string): Float32Array => {
      const a = archive.arrays.find((x) => x.name === name);
      if (!a) throw new HepuqError('ModelLoadFailed', `${dir}: saved ${method} model lacks array "${name}"`);
      return a.data;
    };
    const net = makeNetwork(spec.network, spec.architecture, archive.arrays);
    return new StochasticModel(net, { mean: get('input_mean'), std: get('input_std') }, spec);
  }

  /**
   * Predict with R = max(draws, replicas) coherent draws. Regression: mean, sigmaStat (spread of the
   * draw means), sigmaSyst (mean learned width), replicas (draw means) and, for the mixture head, the
   * draw-averaged mixture. Classification: prob, sigmaProb, replicas.
   */
  async predict(data: Dataset, options: PredictOptions = {}): Promise<RegressionPrediction | ClassificationPrediction> {
    const x = this.inputMatrix(data);
    const nReplicas = options.replicas ?? 0;
    const count = Math.max(this.spec.draws, nReplicas);
    const draws = this.net.sampleDraws(count, new NoiseSource(new Rng(options.seed ?? this.spec.seed)));
    try {
      return this.task === 'regression'
        ? this.predictRegression(x, data.n, draws, nReplicas)
        : this.predictClassification(x, data.n, draws, nReplicas);
    } finally {
      tf.dispose(draws.tensors);
    }
  }

  private predictRegression(x: Float32Array, n: number, draws: DrawSet, nReplicas: number): RegressionPrediction {
    const head = this.head as RegressionHead;
    const { targetMean: m, targetStd: s } = this.spec;
    const k = this.spec.head.kind === 'mixture' ? this.spec.head.components : 0;
    const cols = this.evaluate(x, n, draws, (out) => {
      const { mean, variance } = head.drawMoments(out);
      const mom = posteriorMoments(mean, variance);
      const result: Record<string, tf.Tensor> = { mean: mom.mean.mul(s).add(m), stat: mom.stat.mul(s), syst: mom.syst.mul(s) };
      if (nReplicas > 0) result.replicas = mean.slice([0, 0], [nReplicas, -1]).mul(s).add(m);
      if (k > 0) {
        const c = mixtureComponents(out, k);
        const avg = averageMixture(tf.exp(c.logWeights) as tf.Tensor3D, c.means as tf.Tensor3D, c.sigmas as tf.Tensor3D);
        Object.assign(result, { mixW: avg.weights, mixM: avg.means.mul(s).add(m), mixS: avg.sigmas.mul(s) });
      }
      return result;
    });
    const extra: Pick<RegressionPrediction, 'replicas' | 'mixture'> = {};
    if (nReplicas > 0) extra.replicas = splitRows(cols.replicas, nReplicas, n);
    if (k > 0) extra.mixture = { weights: splitRows(cols.mixW, k, n), means: splitRows(cols.mixM, k, n), sigmas: splitRows(cols.mixS, k, n) };
    return regressionPrediction(cols.mean, cols.stat, cols.syst, extra);
  }

  private predictClassification(x: Float32Array, n: number, draws: DrawSet, nReplicas: number): ClassificationPrediction {
    const head = this.head as ClassificationHead;
    const cols = this.evaluate(x, n, draws, (out) => {
      const p = head.drawProbs(out);
      const mom = posteriorProbMoments(p);
      const result: Record<string, tf.Tensor> = { prob: mom.prob, sigma: mom.sigma };
      if (nReplicas > 0) result.replicas = p.slice([0, 0], [nReplicas, -1]);
      return result;
    });
    const pred: ClassificationPrediction = { kind: 'classification', prob: cols.prob, sigmaProb: cols.sigma };
    if (nReplicas > 0) pred.replicas = splitRows(cols.replicas, nReplicas, n);
    return pred;
  }

  /**
   * Run all draws over the events in chunks (R x chunk x widest layer floats at a time) and gather
   * `reduce`'s outputs: per-event tensors [c] or [rows, c] become Float32Arrays [n] or [rows * n].
   */
  private evaluate(
    x: Float32Array, n: number, draws: DrawSet, reduce: (out: tf.Tensor3D) => Record<string, tf.Tensor>,
  ): Record<string, Float32Array> {
    const arch = this.spec.architecture;
    const chunk = eventsPerChunk(draws.count, Math.max(arch.inputs, ...arch.hidden, this.head.outputs));
    return evaluateInChunks(n, chunk, [{ values: x, width: arch.inputs }], ([xb]) => reduce(this.net.drawsForward(xb, draws)));
  }

  /** Standardised input matrix after checking feature names and finiteness. */
  private inputMatrix(data: Dataset): Float32Array {
    return modelInputs(data, this.spec.featureNames, this.inputScale, `${this.method} model`);
  }

  async save(dir: string): Promise<void> {
    const d = this.spec.architecture.inputs;
    const arrays: NamedArray[] = [
      ...this.net.toArrays(),
      { name: 'input_mean', shape: [d], data: this.inputScale.mean },
      { name: 'input_std', shape: [d], data: this.inputScale.std },
    ];
    await writeModelDir(dir, { method: this.method, spec: { ...this.spec }, arrays });
  }

  dispose(): void {
    this.net.dispose();
  }
}
