import * as tf from '@tensorflow/tfjs';
import { assertFiniteColumn, HepuqError, readModelDir, regressionPrediction, Rng, writeModelDir, type ClassificationPrediction, type Dataset, type FittedModel, type NamedArray, type PredictOptions, type RegressionPrediction } from '@hepuq/core';
import { posteriorMoments, posteriorProbMoments, standardize, type Standardizer } from '@hepuq/nn';
import type { ClassificationHead, Head, RegressionHead } from '../heads/head.js';
import { mixtureComponents } from '../heads/mixture.head.js';
import type { DrawSet, StochasticNetwork } from '../network/stochastic-network.js';
import { NoiseSource } from '../random/noise-source.js';
import { makeHead, makeNetwork, type StochasticSpec } from './model-spec.js';
import { averageMixture } from './predictive-moments.js';

/** Floats per batched forward pass (R x events x widest layer): bounds prediction memory to ~64 MB. */
const FLOATS_PER_CHUNK = 1 << 24;

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
    if (nReplicas > 0) extra.replicas = rows(cols.replicas, nReplicas, n);
    if (k > 0) extra.mixture = { weights: rows(cols.mixW, k, n), means: rows(cols.mixM, k, n), sigmas: rows(cols.mixS, k, n) };
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
    if (nReplicas > 0) pred.replicas = rows(cols.replicas, nReplicas, n);
    return pred;
  }

  /**
   * Run all draws over the events in chunks and gather `reduce`'s outputs: per-event tensors [c] or
   * [rows, c] become Float32Arrays [n] or [rows * n] (row-major).
   */
  private evaluate(
    x: Float32Array, n: number, draws: DrawSet, reduce: (out: tf.Tensor3D) => Record<string, tf.Tensor>,
  ): Record<string, Float32Array> {
    const d = this.spec.architecture.inputs;
    const widest = Math.max(d, ...this.spec.architecture.hidden, this.head.outputs);
    const chunk = Math.max(1, Math.floor(FLOATS_PER_CHUNK / (draws.count * widest)));
    const result: Record<string, Float32Array> = {};
    for (let lo = 0; lo < n; lo += chunk) {
      const hi = Math.min(n, lo + chunk);
      const cols = tf.tidy(() => reduce(this.net.drawsForward(tf.tensor2d(x.subarray(lo * d, hi * d), [hi - lo, d]), draws)));
      for (const [name, t] of Object.entries(cols)) {
        const r = t.rank === 1 ? 1 : t.shape[0];
        result[name] ??= new Float32Array(r * n);
        const values = t.dataSync() as Float32Array;
        for (let row = 0; row < r; row++) result[name].set(values.subarray(row * (hi - lo), (row + 1) * (hi - lo)), row * n + lo);
        t.dispose();
      }
    }
    return result;
  }

  /** Standardised input matrix after checking feature names and finiteness. */
  private inputMatrix(data: Dataset): Float32Array {
    const expected = this.spec.featureNames.join(',');
    if (data.featureNames.join(',') !== expected) {
      throw new HepuqError('ShapeMismatch', `${data.source}: features [${data.featureNames.join(', ')}] do not match the ${this.method} model's [${expected}]`);
    }
    for (const name of data.featureNames) assertFiniteColumn(data.features[name], name, data.source);
    return standardize(data.featureMatrix(), this.inputScale);
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

/** Split a row-major [r * n] array into r rows of n. */
function rows(flat: Float32Array, r: number, n: number): Float32Array[] {
  return Array.from({ length: r }, (_, i) => flat.slice(i * n, (i + 1) * n));
}
