import * as tf from '@tensorflow/tfjs';
import { assertFiniteDataset, HepuqError, type Dataset, type HostInput, type MethodContext, type NetworkInputs, type NetworkRef } from '@hepuq/core';
import { balancedWeights, classLabels, gatherInputs, type ClassesOption, inputTensors, planNetwork, regressionTargets, savedTargetFields, trainLoopOverRows, trainWeights, type MlpArchitecture, type SavedTargets } from '@hepuq/nn';
import { makeHead, stackFactory, type HeadSpec, type NetworkSpec, type StochasticSpec } from './model-spec.js';
import { elbo } from './elbo.loss.js';
import { StochasticModel } from './stochastic-model.js';
import { NoiseSource } from '../random/noise-source.js';
import { boostFactors, type BoostOptions } from '../training/boost.js';
import { StochasticBody } from '../network/stochastic-body.js';
import { BNN_PLUGIN_NAME } from '../plugin-meta.js';

export interface StochasticFitConfig {
  method: string;
  task: 'regression' | 'classification';
  network: NetworkSpec;
  head: HeadSpec;
  options: {
    hidden: number[];
    activation: MlpArchitecture['activation'];
    epochs: number;
    batchSize: number;
    lr: number;
    lrFinal: number;
    draws: number;
    klWeight?: number;
    labelSmearing?: number;
    boost?: BoostOptions;
    balance?: boolean;
    /** Classifiers: the number of classes or their names (K >= 3 replaces a bernoulli head by a softmax head). */
    classes?: ClassesOption;
    /** The network body (default `mlp`). */
    network?: NetworkRef;
  };
}

/** A phase's training tensors: the body's inputs, targets or labels [n, T] and weights [n] of mean 1. */
interface PhaseTensors {
  n: number;
  inputs: NetworkInputs;
  y: tf.Tensor2D;
  w: tf.Tensor1D;
}

/**
 * Train a stochastic network body on the per-event negative ELBO (see `elbo`): inputs standardised by
 * the body's plan, regression targets standardised (T >= 1 of them: a diagonal Gaussian head), event
 * weights normalised to mean 1 (`trainWeights`), fresh training noise every step from `ctx.rng`. Label
 * smearing adds sigma_cal N(0, 1) to every target each time it is drawn; boosting re-weights the
 * points after a first training phase (one target only).
 */
export async function fitStochastic(data: Dataset, cfg: StochasticFitConfig, ctx: MethodContext): Promise<StochasticModel> {
  const o = cfg.options;
  // validate before any tensor exists, so a bad input leaves nothing behind
  assertFiniteDataset(data);
  let train = data;
  let y: Float32Array;
  // a classifier's label: one column, never standardised
  let targets: SavedTargets = { targetName: data.labelName, targetMean: 0, targetStd: 1 };
  let stds = [1];
  let headSpec = cfg.head;
  if (cfg.task === 'regression') {
    const { scales, y: standardised } = regressionTargets(data, cfg.method);
    if (scales.length > 1) headSpec = multiTargetHead(cfg, scales.length);
    y = standardised;
    targets = savedTargetFields(scales);
    stds = scales.map((s) => s.std);
  } else {
    const { label, classes } = classLabels(data, o.classes);
    y = label;
    if (classes.length > 2) headSpec = { kind: 'categorical', classes };
    if (o.balance) train = data.withWeights(balancedWeights(data.weights, y, classes.length));
  }
  // size, finiteness and weight-sum checks before the network is built
  const weights = trainWeights(train);
  const head = makeHead(headSpec);
  const plan = planNetwork(train, o.network ?? { use: 'mlp', options: {} }, { outputs: head.outputs, hidden: o.hidden, activation: o.activation }, { ...ctx, method: cfg.method });
  const inputs = plan.inputs(train);
  const net = StochasticBody.create(plan, stackFactory(cfg.network, plan), ctx.rng.fork('init'));
  const spec: StochasticSpec = {
    method: cfg.method, task: cfg.task, network: cfg.network, head: headSpec, body: plan.spec,
    featureNames: [...data.featureNames], ...targets, draws: o.draws, seed: ctx.rng.fork('predict').nextSeed(),
    options: { ...o },
    // one dropout mask per event in training: the learned width already holds the mask spread
    ...(cfg.network.kind === 'dropout' && cfg.task === 'regression' ? { drawSpread: 'in-noise' as const } : {}),
  };
  const model = new StochasticModel(net, spec);
  const tensors = (w: Float32Array) => phaseTensors(inputs, y, w);
  // label smearing acts on standardised targets: sigma_cal in target units / each target's std
  const smear = stds.map((s) => (o.labelSmearing ?? 0) / s);
  try {
    if (o.boost) {
      const first = Math.max(1, Math.round(o.boost.after * o.epochs));
      await runPhase(net, tensors(weights), spec.head, cfg, ctx, { epochs: first, lrFinal: 1, phase: 'warmup', smear });
      const factors = boostFactors(await model.predict(train), train.target!, o.boost);
      const boosted = train.withWeights(Float32Array.from(train.weights, (w, i) => w * factors[i]));
      await runPhase(net, tensors(trainWeights(boosted)), spec.head, cfg, ctx, { epochs: Math.max(1, o.epochs - first), lrFinal: o.lrFinal, phase: 'boost', smear });
    } else {
      await runPhase(net, tensors(weights), spec.head, cfg, ctx, { epochs: o.epochs, lrFinal: o.lrFinal, phase: 'main', smear });
    }
  } catch (e) {
    model.dispose();
    throw e;
  }
  return model;
}

/** A phase's tensors: the body's inputs, targets row-major [n, T], event weights `w` (mean 1). */
function phaseTensors(inputs: Record<string, HostInput>, y: Float32Array, w: Float32Array): PhaseTensors {
  const n = w.length;
  return tf.tidy(() => ({
    n,
    inputs: inputTensors(inputs, n),
    y: tf.tensor2d(y, [n, y.length / n]),
    w: tf.tensor1d(w),
  }));
}

/** One training-loop run over `tensors` (disposed afterwards). */
async function runPhase(
  net: StochasticBody, tensors: PhaseTensors, headSpec: HeadSpec, cfg: StochasticFitConfig, ctx: MethodContext,
  phase: { epochs: number; lrFinal: number; phase: string; smear: number[] },
): Promise<void> {
  const o = cfg.options;
  const head = makeHead(headSpec);
  const nTrain = tensors.n;
  const beta = o.klWeight ?? 1;
  const noiseBase = ctx.rng.fork(`noise-${phase.phase}`);
  let noise = new NoiseSource(noiseBase);
  // sigma_cal / std_t per target column, broadcast over the batch (none: no smearing)
  const smear = phase.smear.some((s) => s > 0) ? tf.tensor1d(phase.smear) : undefined;
  try {
    await trainLoopOverRows(net.trainables, nTrain, (rows) => {
      const yb = tf.gather(tensors.y, rows);
      const wb = tf.gather(tensors.w, rows);
      const yt = smear ? (yb.add(noise.normal2d(yb.shape[0], yb.shape[1]).mul(smear)) as typeof yb) : yb;
      const pass = net.trainPass(gatherInputs(tensors.inputs, rows), noise);
      return elbo(head.nll(pass.out, yt, wb), pass.penalty, nTrain, beta);
    }, {
      epochs: phase.epochs, batchSize: o.batchSize, lr: o.lr, lrFinal: phase.lrFinal,
      rng: ctx.rng.fork(`batches-${phase.phase}`), events: ctx.events, method: cfg.method, signal: ctx.signal, checkpoints: ctx.checkpoints,
      // noise per epoch from (seed, epoch) alone, so a resumed fit draws exactly what it would have
      onEpoch: (epoch) => (noise = new NoiseSource(noiseBase.fork(epoch))),
    });
  } finally {
    tf.dispose([...Object.values(tensors.inputs), tensors.y, tensors.w, ...(smear ? [smear] : [])]);
  }
}

/**
 * The head for T >= 2 regression targets: a diagonal Gaussian. The mixture head and boosting (whose
 * factors come from one target's pulls or widths) take one target, so they refuse before training.
 */
function multiTargetHead(cfg: StochasticFitConfig, t: number): HeadSpec {
  if (cfg.head.kind === 'mixture') {
    throw new HepuqError('InvalidConfig', `${cfg.method}: head: mixture predicts one target, but the data has ${t}`, {
      hint: 'Use head: gaussian (a diagonal Gaussian over the targets), or give one `target:` column per run.', plugin: BNN_PLUGIN_NAME,
    });
  }
  if (cfg.options.boost) {
    throw new HepuqError('InvalidConfig', `${cfg.method}: boost re-weights events by one target's ${cfg.options.boost.by === 'pull' ? 'pulls' : 'widths'}, but the data has ${t} targets`, {
      hint: 'Drop `boost:`, or give one `target:` column per run.', plugin: BNN_PLUGIN_NAME,
    });
  }
  return { kind: 'gaussian', targets: t };
}
