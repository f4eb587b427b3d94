import * as tf from '@tensorflow/tfjs';
import { HepuqError, type Events, type LossValue, type Rng, type TrainCheckpoints, type TrainState } from '@hepuq/core';
import { FlatAdam } from './flat-adam.js';

/** Longest stretch of training steps without giving the event loop a turn when a signal is watched. */
const YIELD_MS = 50;

export interface TrainTensors {
  /** Inputs [n, d]. */
  x: tf.Tensor2D;
  /** Targets [n, k]. */
  y: tf.Tensor2D;
  /** Event weights [n], normalised to mean 1 over the training set. */
  w: tf.Tensor1D;
}

export interface TrainLoopOptions {
  epochs: number;
  batchSize: number;
  lr: number;
  /** Learning rate at the last epoch as a fraction of `lr` (cosine decay); 1 keeps it constant. */
  lrFinal: number;
  rng: Rng;
  events: Events;
  method: string;
  /** Aborting stops the loop before its next step with an `Interrupted` error. */
  signal?: AbortSignal;
  /** Save the loop's state every `checkpoints.every` epochs, and continue from a saved state. */
  checkpoints?: TrainCheckpoints;
  /**
   * Called before each epoch (also the first after a resume). Randomness the loss draws must be
   * derived here from the epoch number, e.g. `noiseRng = base.fork(epoch)`, so that a
   * resumed loop reproduces an uninterrupted one.
   */
  onEpoch?: (epoch: number) => void;
}

export interface TrainResult {
  epochs: number;
  loss: number;
  seconds: number;
}

/**
 * The loss of one minibatch given its rows: `rows` (int32 [B]) are indices into the n training rows,
 * in the order of the epoch's seeded permutation. The caller gathers whatever its rows mean.
 */
export type BatchLoss = (rows: tf.Tensor1D) => LossValue;

/**
 * Minibatch Adam over `params` minimising `lossFn` of each batch of the training tensors `data`
 * (x, y and w gathered by the batch's rows): `trainLoopOverRows` over the n rows of `data`.
 * @example await trainLoop(params, data, (xb, yb, wb) => hetNll(net(xb), yb, wb), opts)
 */
export async function trainLoop(
  params: tf.Variable[],
  data: TrainTensors,
  lossFn: (x: tf.Tensor2D, y: tf.Tensor2D, w: tf.Tensor1D) => LossValue,
  opts: TrainLoopOptions,
): Promise<TrainResult> {
  return trainLoopOverRows(params, data.x.shape[0], (rows) => lossFn(tf.gather(data.x, rows), tf.gather(data.y, rows), tf.gather(data.w, rows)), opts);
}

/**
 * Minibatch Adam over `params` minimising `batchLoss` per batch of `n` rows. Emits fit:start/epoch/end
 * with every loss term (epoch averages). Batches come from a seeded permutation per epoch. If an
 * epoch's loss is NaN/Inf, the parameters are restored to the last good epoch and TrainingDiverged
 * is thrown. An aborted `signal` stops it before the next step (`Interrupted`). With `checkpoints`,
 * the state after every `every`-th and the last epoch is saved, and a saved state is continued.
 * Allocates one index tensor per batch and reads back one number per term per epoch. Use it directly
 * when a batch is more than rows of (x, y, w), e.g. one row per event of every ensemble member.
 * @example await trainLoopOverRows(params, n, (rows) => memberLoss(tf.gather(table, rows)), opts)
 */
export async function trainLoopOverRows(params: tf.Variable[], n: number, batchLoss: BatchLoss, opts: TrainLoopOptions): Promise<TrainResult> {
  const start = Date.now();
  const optimizer = new FlatAdam(params, opts.lr);
  const slot = opts.checkpoints?.slot(opts.method);
  let lastGood: tf.Tensor[] = [];
  let lastLoss = Number.NaN;
  let savedEpoch = 0;
  try {
    const saved = await slot?.load();
    if (saved) {
      restoreTrainState(saved, params, optimizer, opts, slot!.key);
      savedEpoch = saved.epoch;
      lastLoss = saved.loss;
    }
    lastGood = params.map((p) => tf.keep(p.clone()));
    opts.events.emit('fit:start', { method: opts.method, epochs: opts.epochs, nTrain: n, ...(saved ? { resumedAt: saved.epoch } : {}) }, opts.method);
    for (let epoch = savedEpoch + 1; epoch <= opts.epochs; epoch++) {
      opts.onEpoch?.(epoch);
      const progress = opts.epochs > 1 ? (epoch - 1) / (opts.epochs - 1) : 0;
      optimizer.learningRate = opts.lr * (opts.lrFinal + (1 - opts.lrFinal) * 0.5 * (1 + Math.cos(Math.PI * progress)));
      const terms = await runEpoch(optimizer, batchLoss, opts.rng.permutation(n), opts.batchSize, stepGate(opts, epoch, () => savedEpoch));
      if (!Object.values(terms).every(Number.isFinite)) {
        params.forEach((p, i) => p.assign(lastGood[i]));
        throw new HepuqError('TrainingDiverged', `${opts.method}: loss became ${terms.loss} at epoch ${epoch}; weights restored to epoch ${epoch - 1}`);
      }
      lastLoss = terms.loss;
      tf.dispose(lastGood);
      lastGood = params.map((p) => tf.keep(p.clone()));
      const { loss, ...rest } = terms;
      opts.events.emit('fit:epoch', { method: opts.method, epoch, epochs: opts.epochs, loss, terms: rest }, opts.method);
      if (slot && opts.checkpoints && (epoch % opts.checkpoints.every === 0 || epoch === opts.epochs)) {
        await slot.save({ epoch, epochs: opts.epochs, loss, params: await Promise.all(params.map(async (p) => (await p.data()) as Float32Array)), optimizer: await optimizer.saveState(), rng: opts.rng.saveState() });
        savedEpoch = epoch;
        opts.events.emit('fit:checkpoint', { method: opts.method, epoch, epochs: opts.epochs, key: slot.key }, opts.method);
      }
      if (epoch % 5 === 0) await new Promise((r) => setImmediate(r));
    }
  } finally {
    tf.dispose(lastGood);
    optimizer.dispose();
  }
  const seconds = (Date.now() - start) / 1000;
  opts.events.emit('fit:end', { method: opts.method, epochs: opts.epochs, seconds, loss: lastLoss }, opts.method);
  return { epochs: opts.epochs, loss: lastLoss, seconds };
}

/** One pass over `perm` in batches; returns the epoch average of every loss term. */
async function runEpoch(
  optimizer: FlatAdam, batchLoss: BatchLoss, perm: Int32Array, batchSize: number, beforeStep: () => Promise<void>,
): Promise<Record<string, number>> {
  const sums: Record<string, tf.Tensor> = {};
  let batches = 0;
  try {
    for (let lo = 0; lo < perm.length; lo += batchSize) {
      await beforeStep();
      const idx = tf.tensor1d(perm.subarray(lo, Math.min(perm.length, lo + batchSize)), 'int32');
      try {
        optimizer.minimize(() => {
          const value = batchLoss(idx);
          for (const [k, t] of Object.entries({ loss: value.total, ...value.terms })) {
            const prev = sums[k];
            sums[k] = tf.keep(prev ? prev.add(t) : t.clone());
            prev?.dispose();
          }
          return value.total;
        }).dispose();
      } finally {
        idx.dispose();
      }
      batches++;
    }
    return Object.fromEntries(Object.entries(sums).map(([k, t]) => [k, (t.dataSync()[0] as number) / batches]));
  } finally {
    tf.dispose(Object.values(sums));
  }
}

/**
 * What runs before every step: stop with `Interrupted` once the signal is aborted, and give the
 * event loop a turn every YIELD_MS so signal handlers (Ctrl-C) run even within a long epoch.
 */
function stepGate(opts: TrainLoopOptions, epoch: number, savedEpoch: () => number): () => Promise<void> {
  let lastYield = Date.now();
  return async () => {
    if (opts.signal?.aborted) throw interrupted(opts, epoch, savedEpoch());
    if (opts.signal && Date.now() - lastYield > YIELD_MS) {
      await new Promise((r) => setImmediate(r));
      lastYield = Date.now();
    }
  };
}

function interrupted(opts: TrainLoopOptions, epoch: number, saved: number): HepuqError {
  const every = opts.checkpoints?.every;
  const resumable = !every ? '' : saved > 0 ? `; its checkpoint after epoch ${saved} is kept` : `; no checkpoint yet (the first comes after epoch ${every})`;
  return new HepuqError('Interrupted', `${opts.method}: training stopped during epoch ${epoch}/${opts.epochs}${resumable}`);
}

/** Put a saved state back into the loop's parameters, optimiser and batch generator. */
function restoreTrainState(saved: TrainState, params: tf.Variable[], optimizer: FlatAdam, opts: TrainLoopOptions, key: string): void {
  const sizes = params.map((p) => p.size);
  if (saved.epochs !== opts.epochs || saved.params.length !== params.length || saved.params.some((a, i) => a.length !== sizes[i])) {
    throw new HepuqError('CheckpointMismatch', `checkpoint ${key} holds ${saved.params.length} arrays after epoch ${saved.epoch}/${saved.epochs}; ${opts.method} trains ${params.length} arrays for ${opts.epochs} epochs`);
  }
  tf.tidy(() => params.forEach((p, i) => p.assign(tf.tensor(saved.params[i], p.shape))));
  optimizer.restoreState(saved.optimizer);
  opts.rng.restoreState(saved.rng);
}
