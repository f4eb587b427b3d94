import { assertFiniteDataset, HepuqError, type Dataset, type MethodContext } from '@hepuq/core';
import { balancedWeights, checkedLabels, disposeTrainTensors, fitStandardizer, standardize, targetScale, trainLoop, trainTensors, type MlpArchitecture, type TrainTensors } from '@hepuq/nn';
import { makeHead, makeNetwork, type HeadSpec, type NetworkSpec, type StochasticSpec } from './model-spec.js';
import { elbo } from './elbo.loss.js';
import { StochasticModel } from './stochastic-model.js';
import { NoiseSource } from '../random/noise-source.js';
import { boostFactors, type BoostOptions } from '../training/boost.js';
import type { StochasticNetwork } from '../network/stochastic-network.js';

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
  };
}

/**
 * Train a stochastic network on the per-event negative ELBO (see `elbo`): inputs standardised,
 * regression targets standardised, event weights normalised to mean 1 (core's `trainTensors`),
 * fresh training noise every step from `ctx.rng`. Label smearing adds sigma_cal N(0, 1) to every
 * target each time it is drawn; boosting re-weights the points after a first training phase.
 */
export async function fitStochastic(data: Dataset, cfg: StochasticFitConfig, ctx: MethodContext): Promise<StochasticModel> {
  const o = cfg.options;
  // validate before any tensor exists, so a bad input leaves nothing behind
  assertFiniteDataset(data);
  let train = data;
  let y: Float32Array;
  let target = { mean: 0, std: 1 };
  if (cfg.task === 'regression') {
    if (!data.target) throw new HepuqError('MissingColumn', `${data.source}: ${cfg.method} needs a regression target column`);
    target = targetScale(data.target);
    y = Float32Array.from(data.target, (v) => (v - target.mean) / target.std);
  } else {
    y = checkedLabels(data);
    if (o.balance) train = data.withWeights(balancedWeights(data.weights, y));
  }
  const head = makeHead(cfg.head);
  const arch: MlpArchitecture = { inputs: data.nFeatures, hidden: o.hidden, outputs: head.outputs, activation: o.activation };
  const inputScale = fitStandardizer(data.featureMatrix(), data.n, data.nFeatures);
  const x = standardize(data.featureMatrix(), inputScale);
  const net = makeNetwork(cfg.network, arch, ctx.rng.fork('init'));
  const spec: StochasticSpec = {
    method: cfg.method, task: cfg.task, network: cfg.network, head: cfg.head, architecture: arch,
    featureNames: [...data.featureNames], targetName: cfg.task === 'regression' ? data.targetName : data.labelName,
    targetMean: target.mean, targetStd: target.std, draws: o.draws, seed: ctx.rng.fork('predict').nextSeed(),
    options: { ...o },
  };
  const model = new StochasticModel(net, inputScale, spec);
  // label smearing acts on standardised targets: sigma_cal in target units / target std
  const smear = (o.labelSmearing ?? 0) / target.std;
  try {
    if (o.boost) {
      const first = Math.max(1, Math.round(o.boost.after * o.epochs));
      await runPhase(net, trainTensors(train, x, y), cfg, ctx, { epochs: first, lrFinal: 1, phase: 'warmup', smear });
      const factors = boostFactors(await model.predict(train), train.target!, o.boost);
      const boosted = train.withWeights(Float32Array.from(train.weights, (w, i) => w * factors[i]));
      await runPhase(net, trainTensors(boosted, x, y), cfg, ctx, { epochs: Math.max(1, o.epochs - first), lrFinal: o.lrFinal, phase: 'boost', smear });
    } else {
      await runPhase(net, trainTensors(train, x, y), cfg, ctx, { epochs: o.epochs, lrFinal: o.lrFinal, phase: 'main', smear });
    }
  } catch (e) {
    model.dispose();
    throw e;
  }
  return model;
}

/** One trainLoop run over `tensors` (disposed afterwards). */
async function runPhase(
  net: StochasticNetwork, tensors: TrainTensors, cfg: StochasticFitConfig, ctx: MethodContext,
  phase: { epochs: number; lrFinal: number; phase: string; smear: number },
): Promise<void> {
  const o = cfg.options;
  const head = makeHead(cfg.head);
  const nTrain = tensors.x.shape[0];
  const beta = o.klWeight ?? 1;
  const noiseBase = ctx.rng.fork(`noise-${phase.phase}`);
  let noise = new NoiseSource(noiseBase);
  try {
    await trainLoop(net.trainables, tensors, (xb, yb, wb) => {
      const yt = phase.smear > 0 ? (yb.add(noise.normal2d(yb.shape[0], 1).mul(phase.smear)) as typeof yb) : yb;
      const pass = net.trainPass(xb, noise);
      return elbo(head.nll(pass.out, yt, wb), pass.penalty, nTrain, beta);
    }, {
      epochs: phase.epochs, batchSize: o.batchSize, lr: o.lr, lrFinal: phase.lrFinal,
      rng: ctx.rng.fork(`batches-${phase.phase}`), events: ctx.events, method: cfg.method, signal: ctx.signal, checkpoints: ctx.checkpoints,
      // noise per epoch from (seed, epoch) alone, so a resumed fit draws exactly what it would have
      onEpoch: (epoch) => (noise = new NoiseSource(noiseBase.fork(epoch))),
    });
  } finally {
    disposeTrainTensors(tensors);
  }
}
