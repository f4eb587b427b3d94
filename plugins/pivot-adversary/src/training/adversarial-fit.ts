import * as tf from '@tensorflow/tfjs';
import { HepuqError, type CheckpointSlot, type Events, type MetricValue, type Rng, type TrainCheckpoints, type TrainState } from '@hepuq/core';
import { FlatAdam, trainLoopOverRows, weightedBce, type DenseNetwork } from '@hepuq/nn';
import { weightedMean, weightSummary } from '@hepuq/stats';
import type { Adversary } from '../adversary/adversary.js';
import { weightedMeanOf, type DecorrelationTensors } from './decorrelation-tensors.js';

/** Longest stretch of steps without giving the event loop a turn (so Ctrl-C is seen). */
const YIELD_MS = 50;

export interface AdversarialFitOptions {
  epochs: number;
  batchSize: number;
  lr: number;
  lrFinal: number;
  adversaryLr: number;
  lambda: number;
  /** Adversary steps per classifier step (K of Louppe et al. Algorithm 1). */
  adversarySteps: number;
  pretrainEpochs: number;
  adversaryPretrainEpochs: number;
  /** One simultaneous update of both networks per batch (a gradient-reversal layer) instead of K adversary steps. */
  gradientReversal: boolean;
  rng: Rng;
  events: Events;
  method: string;
  signal?: AbortSignal;
  /** Checkpoints of every phase: the pre-trainings as loops of their own, the game as one state per network. */
  checkpoints?: TrainCheckpoints;
}

/**
 * Learning to pivot (Louppe, Kagan, Cranmer 1611.01046, Algorithm 1): pre-train the classifier f on
 * its loss L_f and the adversary r on L_r with f fixed, then alternate K adversary steps minimising
 * L_r with one classifier step minimising L_f - lambda L_r, each on a seeded minibatch. Emits
 * fit:epoch with both losses. Returns the adversary's loss on the whole training set at the end
 * (mean NLL in nats with its standard error): the value to hold against the entropy of Z.
 */
export async function adversarialFit(net: DenseNetwork, adversary: Adversary, data: DecorrelationTensors, opts: AdversarialFitOptions): Promise<{ adversaryLoss: MetricValue }> {
  const n = data.x.shape[0];
  const logitsOf = (rows: tf.Tensor1D) => net.forward({ x: tf.gather(data.x, rows) });
  const classifierLoss = (rows: tf.Tensor1D, logits: tf.Tensor2D) => weightedBce(tf.gather(data.y, rows), logits, tf.gather(data.w, rows).expandDims(1));
  const adversaryLoss = (rows: tf.Tensor1D, f: tf.Tensor2D) => weightedMeanOf(adversary.nll(f, tf.gather(data.t, rows)), tf.gather(data.wd, rows));
  const common = { batchSize: opts.batchSize, lr: opts.lr, lrFinal: 1, events: opts.events, signal: opts.signal, checkpoints: opts.checkpoints };
  if (opts.pretrainEpochs > 0) {
    await trainLoopOverRows(net.trainables, n, (rows) => ({ total: classifierLoss(rows, logitsOf(rows)), terms: {} }), {
      ...common, epochs: opts.pretrainEpochs, rng: opts.rng.fork('pretrain-f'), method: `${opts.method}:pretrain-classifier`,
    });
  }
  const fixedF = (rows: tf.Tensor1D) => tf.sigmoid(logitsOf(rows)) as tf.Tensor2D;
  if (opts.adversaryPretrainEpochs > 0) {
    await trainLoopOverRows(adversary.params, n, (rows) => ({ total: adversaryLoss(rows, fixedF(rows)), terms: {} }), {
      ...common, lr: opts.adversaryLr, epochs: opts.adversaryPretrainEpochs, rng: opts.rng.fork('pretrain-r'), method: `${opts.method}:pretrain-adversary`,
    });
  }
  await alternate(net, adversary, n, { classifierLoss, adversaryLoss, logitsOf }, opts);
  return { adversaryLoss: adversaryLossOnAll(net, adversary, data) };
}

interface Losses {
  /** Classifier logits [B, 1] of the rows. */
  logitsOf: (rows: tf.Tensor1D) => tf.Tensor2D;
  classifierLoss: (rows: tf.Tensor1D, logits: tf.Tensor2D) => tf.Scalar;
  adversaryLoss: (rows: tf.Tensor1D, f: tf.Tensor2D) => tf.Scalar;
}

async function alternate(net: DenseNetwork, adversary: Adversary, n: number, losses: Losses, opts: AdversarialFitOptions): Promise<void> {
  const start = Date.now();
  const optF = new FlatAdam(net.trainables, opts.lr);
  const optR = new FlatAdam(adversary.params, opts.adversaryLr);
  const batches = opts.rng.fork('batches');
  const advBatches = opts.rng.fork('adversary-batches');
  const players: Player[] = [
    { params: net.trainables, optimizer: optF, rng: batches, slot: opts.checkpoints?.slot(`${opts.method}:classifier`) },
    { params: adversary.params, optimizer: optR, rng: advBatches, slot: opts.checkpoints?.slot(`${opts.method}:adversary`) },
  ];
  let lastYield = Date.now();
  const gate = async (epoch: number) => {
    if (opts.signal?.aborted) throw new HepuqError('Interrupted', `${opts.method}: training stopped during epoch ${epoch}/${opts.epochs}`);
    if (opts.signal && Date.now() - lastYield > YIELD_MS) {
      await new Promise((r) => setImmediate(r));
      lastYield = Date.now();
    }
  };
  let last = { classifier: Number.NaN, adversary: Number.NaN };
  try {
    const resumedAt = await resume(players, opts);
    opts.events.emit('fit:start', { method: opts.method, epochs: opts.epochs, nTrain: n, ...(resumedAt ? { resumedAt } : {}) }, opts.method);
    for (let epoch = resumedAt + 1; epoch <= opts.epochs; epoch++) {
      const progress = opts.epochs > 1 ? (epoch - 1) / (opts.epochs - 1) : 0;
      const decay = opts.lrFinal + (1 - opts.lrFinal) * 0.5 * (1 + Math.cos(Math.PI * progress));
      optF.learningRate = opts.lr * decay;
      optR.learningRate = opts.adversaryLr * decay;
      last = await playEpoch(n, losses, { optF, optR, perm: batches.permutation(n), advBatches, gate: () => gate(epoch) }, opts);
      if (!Number.isFinite(last.classifier) || !Number.isFinite(last.adversary)) {
        throw new HepuqError('TrainingDiverged', `${opts.method}: losses became ${last.classifier} (classifier) and ${last.adversary} (adversary) at epoch ${epoch}`, {
          hint: 'Lower `lr`/`adversaryLr` or `lambda`.',
        });
      }
      const total = last.classifier - opts.lambda * last.adversary;
      opts.events.emit('fit:epoch', { method: opts.method, epoch, epochs: opts.epochs, loss: total, terms: last }, opts.method);
      if (opts.checkpoints && (epoch % opts.checkpoints.every === 0 || epoch === opts.epochs)) {
        for (const p of players) await p.slot!.save({ epoch, epochs: opts.epochs, loss: total, params: await Promise.all(p.params.map(async (v) => (await v.data()) as Float32Array)), optimizer: await p.optimizer.saveState(), rng: p.rng.saveState() });
        opts.events.emit('fit:checkpoint', { method: opts.method, epoch, epochs: opts.epochs, key: players[0].slot!.key }, opts.method);
      }
      if (epoch % 5 === 0) await new Promise((r) => setImmediate(r));
    }
  } finally {
    optF.dispose();
    optR.dispose();
  }
  opts.events.emit('fit:end', { method: opts.method, epochs: opts.epochs, seconds: (Date.now() - start) / 1000, loss: last.classifier - opts.lambda * last.adversary }, opts.method);
}

interface EpochState {
  optF: FlatAdam;
  optR: FlatAdam;
  /** The epoch's order of classifier batches. */
  perm: Int32Array;
  /** Generator of the adversary's batch orders (a fresh permutation whenever one is used up). */
  advBatches: Rng;
  /** Run before every classifier batch: stops an aborted fit, yields to the event loop. */
  gate: () => Promise<void>;
}

/**
 * One epoch of the game: per classifier batch, K adversary steps on batches of their own (or, with
 * gradient reversal, one on the same batch), then one classifier step on L_f - lambda L_r. Returns
 * the epoch averages of L_f and L_r over the classifier steps (one read-back per epoch).
 */
async function playEpoch(n: number, { logitsOf, classifierLoss, adversaryLoss }: Losses, e: EpochState, opts: AdversarialFitOptions): Promise<{ classifier: number; adversary: number }> {
  let advPerm = e.advBatches.permutation(n);
  let advAt = 0;
  const sums = { classifier: tf.scalar(0), adversary: tf.scalar(0) };
  const accumulate = (lf: tf.Scalar, lr: tf.Scalar) => {
    const prev = [sums.classifier, sums.adversary];
    sums.classifier = tf.keep(tf.add(prev[0], lf));
    sums.adversary = tf.keep(tf.add(prev[1], lr));
    tf.dispose(prev);
  };
  const adversaryStep = (rows: tf.Tensor1D) => e.optR.minimize(() => adversaryLoss(rows, tf.sigmoid(logitsOf(rows)) as tf.Tensor2D)).dispose();
  let steps = 0;
  try {
    for (let lo = 0; lo < n; lo += opts.batchSize) {
      await e.gate();
      const rows = tf.tensor1d(e.perm.subarray(lo, Math.min(n, lo + opts.batchSize)), 'int32');
      try {
        if (opts.gradientReversal) adversaryStep(rows);
        for (let k = 0; !opts.gradientReversal && k < opts.adversarySteps; k++) {
          if (advAt + opts.batchSize > n) {
            advPerm = e.advBatches.permutation(n);
            advAt = 0;
          }
          const advRows = tf.tensor1d(advPerm.subarray(advAt, (advAt += opts.batchSize)), 'int32');
          adversaryStep(advRows);
          advRows.dispose();
        }
        e.optF.minimize(() => {
          const logits = logitsOf(rows);
          const lf = classifierLoss(rows, logits);
          const lr = adversaryLoss(rows, tf.sigmoid(logits) as tf.Tensor2D);
          accumulate(lf, lr);
          return tf.sub(lf, tf.mul(lr, opts.lambda)) as tf.Scalar;
        }).dispose();
      } finally {
        rows.dispose();
      }
      steps++;
    }
    return { classifier: (await sums.classifier.data())[0] / steps, adversary: (await sums.adversary.data())[0] / steps };
  } finally {
    tf.dispose([sums.classifier, sums.adversary]);
  }
}

/** One side of the game: its parameters, optimiser, batch generator and checkpoint slot. */
interface Player {
  params: tf.Variable[];
  optimizer: FlatAdam;
  rng: Rng;
  slot?: CheckpointSlot;
}

/** Restore both networks from their checkpoints (saved after the same epoch); returns that epoch, 0 if none. */
async function resume(players: Player[], opts: AdversarialFitOptions): Promise<number> {
  const states = await Promise.all(players.map((p) => p.slot?.load()));
  if (states.some((s) => s === undefined)) return 0;
  const saved = states as TrainState[];
  players.forEach((p, i) => {
    const s = saved[i];
    if (s.epochs !== opts.epochs || s.epoch !== saved[0].epoch || s.params.length !== p.params.length || s.params.some((a, j) => a.length !== p.params[j].size)) {
      throw new HepuqError('CheckpointMismatch', `checkpoint ${p.slot!.key} holds epoch ${s.epoch}/${s.epochs} of ${s.params.length} arrays; ${opts.method} trains ${p.params.length} arrays for ${opts.epochs} epochs`);
    }
    tf.tidy(() => p.params.forEach((v, j) => v.assign(tf.tensor(s.params[j], v.shape))));
    p.optimizer.restoreState(s.optimizer);
    p.rng.restoreState(s.rng);
  });
  return saved[0].epoch;
}

/** Mean adversary NLL (nats) over the events the decorrelation term sees, with its standard error. */
function adversaryLossOnAll(net: DenseNetwork, adversary: Adversary, data: DecorrelationTensors): MetricValue {
  const perEvent = tf.tidy(() => adversary.nll(tf.sigmoid(net.forward({ x: data.x })) as tf.Tensor2D, data.t));
  const nll = perEvent.dataSync() as Float32Array;
  perEvent.dispose();
  const w = data.wd.dataSync() as Float32Array;
  return weightedMean(nll, w, weightSummary(w));
}
