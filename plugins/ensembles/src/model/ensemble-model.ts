import * as tf from '@tensorflow/tfjs';
import { HepuqError, readModelDir, writeModelDir, type ClassificationPrediction, type Dataset, type MulticlassPrediction, type FittedModel, type ModelDiagnostics, type GraphOptions, type ModelGraph, type NetworkBody, type NetworkSpec, type PredictOptions, type Registry, type RegressionPrediction, median } from '@hepuq/core';
import {
  classificationGraph, classOutputs, savedClasses, evaluateNetwork, gaussianHeadColumns, multiclassGraph, multiclassMoments, multiclassPrediction, regressionGraph, regressionOutputs,
  legacyMlpSpec, posteriorMoments, posteriorProbMoments, resolveNetworkBody, savedLogSigmaBound, savedTargetScales, splitRows, targetsPrediction, toTargetUnits, type MlpArchitecture, type LogSigmaBound, type SavedTargets, type TargetScale,
} from '@hepuq/nn';
import type { MemberHealthReport } from '../health/heal-members.js';
import { StackedNetwork } from '../network/stacked-network.js';
import { PLUGIN_NAME } from '../plugin-meta.js';
import { savedStatScale } from './stat-scale.js';
import { channel } from '../training/member-loss.js';
import type { EnsembleTask } from '../training/training-set.js';

/**
 * What a saved ensemble records besides its weights. Regression: the targets' standardisation
 * (`SavedTargets`: the first in targetName/targetMean/targetStd, all of them in `targets` when T >= 2);
 * classification: targetMean 0 and targetStd 1 (and the data's unused target name, `y` by default, as always).
 */
export interface EnsembleSpec extends SavedTargets {
  method: string;
  task: EnsembleTask;
  options: Record<string, unknown>;
  /** The network body every member shares. */
  network: NetworkSpec;
  members: number;
  featureNames: string[];
  /** Class names of K >= 3 softmax members; absent for regression and binary classifiers. */
  classes?: string[];
  /** Regression: the factor on the members' spread reported as sigma_stat (`ensembleStatScale`; absent, i.e. 1, in older models). */
  statScale?: number;
  /** The member health check after training (absent when it was switched off, and in older models). */
  health?: MemberHealthReport;
}

/**
 * A trained ensemble, held stacked. Regression, per target: mean, sigmaStat (spread of the member
 * means, times `statScale`), sigmaSyst (rms of the member widths), replicas = the member means. Classification: prob (member
 * mean), sigmaProb (member std), replicas = the member probabilities; with K >= 3 classes the same
 * per class of the members' softmax outputs. Replicas are coherent: replica r is member r on every event.
 */
export class EnsembleModel implements FittedModel {
  readonly method: string;
  readonly task: EnsembleTask;
  /** Regression: the targets' standardisation, in the order of the head's channels; empty for classification. */
  private readonly scales: readonly TargetScale[];
  /** Regression: how the members' heads bound log sigma (the hard clip for ensembles saved before the soft bound). */
  private readonly bound: LogSigmaBound;
  /** Regression: the factor on the members' spread reported as sigma_stat. */
  private readonly statScale: number;

  constructor(readonly net: StackedNetwork, readonly spec: EnsembleSpec) {
    this.method = spec.method;
    this.task = spec.task;
    this.scales = spec.task === 'regression' ? savedTargetScales(spec, spec.method) : [];
    this.bound = spec.task === 'regression' ? savedLogSigmaBound(spec, spec.method) : 'soft';
    this.statScale = savedStatScale(spec.statScale, spec.method);
  }

  /**
   * Load a model saved by `save`, checking that `method` wrote it; the body comes from `networks` or
   * the built-in bodies. Ensembles saved before bodies existed (an `architecture`, no `network`) load as `mlp`.
   */
  static async load(dir: string, method: string, networks?: Registry<NetworkBody>): Promise<EnsembleModel> {
    const archive = await readModelDir(dir, method);
    const raw = archive.spec as unknown as EnsembleSpec & { architecture?: MlpArchitecture };
    const network: NetworkSpec = raw.network ?? legacyMlpSpec(raw, dir);
    const outputs = raw.task === 'regression' ? regressionOutputs(savedTargetScales(raw, dir).length) : classOutputs(savedClasses(raw.classes, dir)?.length ?? 2);
    const plan = resolveNetworkBody(network.use, networks).restore(network, archive.arrays, outputs);
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

  /**
   * Per target t: the member moments of mu_mt (target units) and sigma_mt^2 (`posteriorMoments`), and
   * replica r = member r on every event and every target. The members' outputs [M, c, T] are laid out
   * [M, T * c] (target t's events one row), so T = 1 runs exactly the arithmetic of a single target.
   */
  private predictRegression(data: Dataset, replicas: number): RegressionPrediction {
    const { scales } = this;
    const [n, t, members] = [data.n, scales.length, this.spec.members];
    const cols = this.evaluate(data, (out) => {
      const c = out.shape[1];
      const { mu, logSigma } = gaussianHeadColumns(out, t, this.bound);
      const perTarget = (x: tf.Tensor) => tf.reshape(tf.transpose(x, [0, 2, 1]), [members, t * c]) as tf.Tensor2D;
      // (exp(2 log sigma) s^2, not (exp(log sigma) s)^2: the float32 arithmetic of the one-target ensembles)
      const variance = tf.mul(tf.exp(tf.mul(2, logSigma)), tf.tensor1d(scales.map((s) => s.std * s.std)));
      const means = perTarget(toTargetUnits(mu, logSigma, scales).mean);
      const mom = posteriorMoments(means, perTarget(variance), 'added', this.statScale);
      const result: Record<string, tf.Tensor> = { mean: mom.mean.reshape([t, c]), stat: mom.stat.reshape([t, c]), syst: mom.syst.reshape([t, c]) };
      if (replicas > 0) result.replicas = means.slice([0, 0], [replicas, -1]).reshape([replicas * t, c]); // row r*T+t: member r, target t
      return result;
    });
    return targetsPrediction(scales.map((s) => s.name), n, { mean: cols.mean, stat: cols.stat, syst: cols.syst, replicas: cols.replicas }, replicas);
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

  /**
   * The member health check's outcome for metrics.json: `members_retrained` (members retrained after
   * failing it), `members_unhealthy` (members that still fail it) and `member_loss_excess_max` (the
   * largest member training loss above the median member's, nats per event). None when the check was
   * switched off.
   */
  diagnostics(): ModelDiagnostics {
    const h = this.spec.health;
    if (!h) return {};
    return {
      members_retrained: { value: new Set(h.retrained.map((r) => r.member)).size },
      members_unhealthy: { value: h.unhealthy.length },
      // JSON keeps no NaN: a non-finite loss was saved as null and counts as infinitely far off
      member_loss_excess_max: { value: Math.max(...h.loss.map((l) => (l === null || !Number.isFinite(l) ? Infinity : l))) - median(h.loss.filter((l) => l !== null && Number.isFinite(l))) },
    };
  }

  /** The members as the replica axis of one graph, combined as `predict` combines them (all M, whatever `replicas` <= M asks for). */
  graph(options: GraphOptions = {}): ModelGraph {
    this.checkedReplicas(options.replicas);
    const model = { method: this.method, replicas: `the ${this.spec.members} ensemble members` };
    const weights = this.net.stackWeights();
    if (this.spec.classes) return multiclassGraph(this.net.plan, weights, this.spec.members, this.spec.classes, model);
    return this.task === 'regression'
      ? regressionGraph(this.net.plan, weights, this.spec.members, this.scales, { ...model, logSigmaBound: this.bound, statScale: this.statScale })
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
