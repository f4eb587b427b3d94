import * as tf from '@tensorflow/tfjs';
import { HepuqError, readModelDir, Rng, writeModelDir, type ClassificationPrediction, type Dataset, type MulticlassPrediction, type FittedModel, type GraphOptions, type ModelGraph, type NetworkBody, type PredictOptions, type Registry, type RegressionPrediction } from '@hepuq/core';
import { classificationGraph, evaluateNetwork, savedClasses, multiclassGraph, multiclassMoments, multiclassPrediction, regressionGraph, posteriorMoments, posteriorProbMoments, resolveNetworkBody, savedLogSigmaBound, splitRows, targetsPrediction, type DrawSpread, type LogSigmaBound, type TargetScale } from '@hepuq/nn';
import type { ClassificationHead, Head, RegressionHead } from '../heads/head.js';
import { mixtureComponents } from '../heads/mixture.head.js';
import { StochasticBody } from '../network/stochastic-body.js';
import type { DrawSet } from '../network/stochastic-network.js';
import { NoiseSource } from '../random/noise-source.js';
import { bodyOf, makeHead, savedDrawSpread, savedRegressionTargets, stackFactory, type StochasticSpec } from './model-spec.js';
import { averageMixture } from './predictive-moments.js';
import { BNN_PLUGIN_NAME } from '../plugin-meta.js';

/**
 * A trained stochastic network (variational or MC dropout) with its likelihood head. Predictions
 * sample R function draws, each held fixed across all events, from a seeded generator.
 */
export class StochasticModel implements FittedModel {
  readonly method: string;
  readonly task: 'regression' | 'classification';
  private readonly head: Head;
  /** Regression: how the head bounds log sigma (the hard clip for models saved before the soft bound). */
  private readonly bound: LogSigmaBound;
  /** Regression: the targets in output order (none for a classifier). */
  private readonly targets: TargetScale[];
  /** Regression: whether the learned widths already hold the draws' spread (MC dropout; see `DrawSpread`). */
  private readonly spread: DrawSpread;

  constructor(
    readonly net: StochasticBody,
    readonly spec: StochasticSpec,
  ) {
    this.method = spec.method;
    this.task = spec.task;
    this.bound = spec.task === 'regression' ? savedLogSigmaBound(spec, spec.method) : 'soft';
    this.head = makeHead(spec.head, this.bound);
    this.targets = spec.task === 'regression' ? savedRegressionTargets(spec, spec.method) : [];
    this.spread = savedDrawSpread(spec, spec.method);
  }

  /**
   * Load a model saved by `save`, checking that it was written by `method`; the body comes from
   * `networks` (the app's registry) or the built-in bodies.
   */
  static async load(dir: string, method: string, networks?: Registry<NetworkBody>): Promise<StochasticModel> {
    const archive = await readModelDir(dir, method);
    const raw = archive.spec as unknown as StochasticSpec;
    const spec: StochasticSpec = { ...raw, body: bodyOf(raw, dir) };
    if (spec.head.kind === 'categorical') savedClasses(spec.head.classes, dir);
    // regression: as many (mu, log sigma) pairs as the spec records targets, checked before any array is read
    if (spec.task === 'regression') savedRegressionTargets(spec, dir);
    const plan = resolveNetworkBody(spec.body.use, networks).restore(spec.body, archive.arrays, makeHead(spec.head).outputs);
    return new StochasticModel(StochasticBody.fromArrays(plan, stackFactory(spec.network, plan), archive.arrays), spec);
  }

  /**
   * Predict with R = max(draws, replicas) coherent draws. Regression: mean, sigmaStat (spread of the
   * draw means), sigmaSyst (rms learned width; for MC dropout with the mask spread taken out once), replicas (draw means) and, for the mixture head, the
   * draw-averaged mixture; with T >= 2 targets each target's columns in `targets` (replica r is the
   * same draw for every target). Classification: prob, sigmaProb, replicas; with K >= 3 classes (softmax
   * head) per class probs, sigmaProbs and replicas [R][K][n].
   */
  async predict(data: Dataset, options: PredictOptions = {}): Promise<RegressionPrediction | ClassificationPrediction | MulticlassPrediction> {
    const nReplicas = options.replicas ?? 0;
    const count = Math.max(this.spec.draws, nReplicas);
    const draws = this.net.sampleDraws(count, new NoiseSource(new Rng(options.seed ?? this.spec.seed)));
    try {
      const head = this.spec.head;
      if (head.kind === 'categorical') {
        return multiclassPrediction(this.evaluate(data, draws, (out) => multiclassMoments(out, nReplicas)), head.classes, nReplicas, data.n);
      }
      return this.task === 'regression'
        ? this.predictRegression(data, draws, nReplicas)
        : this.predictClassification(data, draws, nReplicas);
    } finally {
      tf.dispose(draws.flatMap((d) => d.tensors));
    }
  }

  /**
   * The moments are taken per target in standardised units (`posteriorMoments` over the draws of
   * [R, T, n]) and scaled to target units on the backend in float32, as the exported graph scales
   * them (and as single-target models always did, so their predictions stay bit for bit);
   * `targetsPrediction` lays out the rows.
   */
  private predictRegression(data: Dataset, draws: DrawSet[], nReplicas: number): RegressionPrediction {
    const n = data.n;
    const t = this.targets.length;
    const head = this.head as RegressionHead;
    const k = this.spec.head.kind === 'mixture' ? this.spec.head.components : 0;
    const cols = this.evaluate(data, draws, (out) => {
      const { mean, variance } = head.drawMoments(out);
      const [r, , c] = mean.shape;
      const s = tf.tensor2d(this.targets.map((x) => x.std), [t, 1]);
      const m = tf.tensor2d(this.targets.map((x) => x.mean), [t, 1]);
      // [R, T * c] -> moments [T * c] -> [T, c]: target t's events are one row
      const mom = posteriorMoments(mean.reshape([r, t * c]), variance.reshape([r, t * c]), this.spread);
      const rows = (x: tf.Tensor) => x.reshape([t, c]);
      const result: Record<string, tf.Tensor> = { mean: rows(mom.mean).mul(s).add(m), stat: rows(mom.stat).mul(s), syst: rows(mom.syst).mul(s) };
      // [R', T, c] -> [R' T, c]: row r T + t is draw r of target t
      if (nReplicas > 0) result.replicas = mean.slice([0, 0, 0], [nReplicas, -1, -1]).mul(s).add(m).reshape([nReplicas * t, c]);
      if (k > 0) {
        const mc = mixtureComponents(out, k, this.bound);
        const avg = averageMixture(tf.exp(mc.logWeights) as tf.Tensor3D, mc.means as tf.Tensor3D, mc.sigmas as tf.Tensor3D);
        Object.assign(result, { mixW: avg.weights, mixM: avg.means.mul(s).add(m), mixS: avg.sigmas.mul(s) });
      }
      return result;
    });
    const pred = targetsPrediction(this.targets.map((s) => s.name), n, { mean: cols.mean, stat: cols.stat, syst: cols.syst, replicas: cols.replicas }, nReplicas);
    if (k > 0) pred.mixture = { weights: splitRows(cols.mixW, k, n), means: splitRows(cols.mixM, k, n), sigmas: splitRows(cols.mixS, k, n) };
    return pred;
  }

  private predictClassification(data: Dataset, draws: DrawSet[], nReplicas: number): ClassificationPrediction {
    const n = data.n;
    const head = this.head as ClassificationHead;
    const cols = this.evaluate(data, draws, (out) => {
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
   * Run all draws over the events in chunks (R x chunk x rows per event x widest layer floats at a
   * time) and gather `reduce`'s outputs: per-event tensors [c] or [rows, c] become Float32Arrays [n] or [rows * n].
   */
  private evaluate(data: Dataset, draws: DrawSet[], reduce: (out: tf.Tensor3D) => Record<string, tf.Tensor>): Record<string, Float32Array> {
    return evaluateNetwork(this.net.plan, data, draws[0].count, (inputs) => reduce(this.net.drawsForward(inputs, draws)));
  }

  /**
   * The graph of R = max(draws, replicas) function draws from `seed` (default: the model's), held as
   * its replica axis: the same draws, and so the same outputs, as `predict` with those options.
   * The mixture head has no graph form yet (`ExportUnsupported`).
   */
  graph(options: GraphOptions = {}): ModelGraph {
    if (this.spec.head.kind === 'mixture') {
      throw new HepuqError('ExportUnsupported', `${this.method}: the mixture head has no graph form yet; the gaussian head exports`, { plugin: BNN_PLUGIN_NAME });
    }
    const count = Math.max(this.spec.draws, options.replicas ?? 0);
    const draws = this.net.sampleDraws(count, new NoiseSource(new Rng(options.seed ?? this.spec.seed)));
    try {
      const weights = this.net.stacks.map((s, i) => s.drawWeights(draws[i]));
      const model = { method: this.method, replicas: this.spec.network.kind === 'dropout' ? `${count} dropout masks` : `${count} posterior weight draws` };
      const head = this.spec.head;
      if (head.kind === 'categorical') return multiclassGraph(this.net.plan, weights, count, head.classes, model);
      return this.task === 'regression'
        ? regressionGraph(this.net.plan, weights, count, this.targets, { ...model, logSigmaBound: this.bound, drawSpread: this.spread })
        : classificationGraph(this.net.plan, weights, count, model);
    } finally {
      tf.dispose(draws.flatMap((d) => d.tensors));
    }
  }

  async save(dir: string): Promise<void> {
    await writeModelDir(dir, { method: this.method, spec: { ...this.spec }, arrays: this.net.toArrays() });
  }

  dispose(): void {
    this.net.dispose();
  }
}
