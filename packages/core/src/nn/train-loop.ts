import * as tf from '@tensorflow/tfjs';
import { HepuqError } from '../errors/hepuq-error.js';
import type { EventBus } from '../events/event-bus.js';
import type { LossValue } from '../loss/loss.js';
import type { Rng } from '../random/rng.js';
import { FlatAdam } from './flat-adam.js';

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
  events: EventBus;
  method: string;
  signal?: AbortSignal;
}

export interface TrainResult {
  epochs: number;
  loss: number;
  seconds: number;
}

/**
 * Minibatch Adam over `params` minimising the mean of `lossFn` per batch. Emits fit:start/epoch/end
 * with every loss term (epoch averages). Batches come from a seeded permutation per epoch. If an
 * epoch's loss is NaN/Inf, the parameters are restored to the last good epoch and TrainingDiverged
 * is thrown. Allocates one index tensor per batch and reads back one number per term per epoch.
 * @example await trainLoop(params, data, (xb, yb, wb) => hetNll(net(xb), yb, wb), opts)
 */
export async function trainLoop(
  params: tf.Variable[],
  data: TrainTensors,
  lossFn: (x: tf.Tensor2D, y: tf.Tensor2D, w: tf.Tensor1D) => LossValue,
  opts: TrainLoopOptions,
): Promise<TrainResult> {
  const n = data.x.shape[0];
  const start = Date.now();
  const optimizer = new FlatAdam(params, opts.lr);
  let lastGood = params.map((p) => tf.keep(p.clone()));
  let lastLoss = Number.NaN;
  opts.events.emit('fit:start', { method: opts.method, epochs: opts.epochs, nTrain: n }, opts.method);
  try {
    for (let epoch = 1; epoch <= opts.epochs; epoch++) {
      if (opts.signal?.aborted) throw new HepuqError('TaskFailed', `${opts.method}: training aborted at epoch ${epoch}`);
      const progress = opts.epochs > 1 ? (epoch - 1) / (opts.epochs - 1) : 0;
      optimizer.learningRate = opts.lr * (opts.lrFinal + (1 - opts.lrFinal) * 0.5 * (1 + Math.cos(Math.PI * progress)));
      const perm = opts.rng.permutation(n);
      const sums: Record<string, tf.Tensor> = {};
      let batches = 0;
      for (let lo = 0; lo < n; lo += opts.batchSize) {
        const idx = tf.tensor1d(perm.subarray(lo, Math.min(n, lo + opts.batchSize)), 'int32');
        optimizer.minimize(() => {
          const value = lossFn(tf.gather(data.x, idx), tf.gather(data.y, idx), tf.gather(data.w, idx));
          for (const [k, t] of Object.entries({ loss: value.total, ...value.terms })) {
            const prev = sums[k];
            sums[k] = tf.keep(prev ? prev.add(t) : t.clone());
            prev?.dispose();
          }
          return value.total;
        }).dispose();
        idx.dispose();
        batches++;
      }
      const terms = Object.fromEntries(Object.entries(sums).map(([k, t]) => [k, (t.dataSync()[0] as number) / batches]));
      Object.values(sums).forEach((t) => t.dispose());
      if (!Object.values(terms).every(Number.isFinite)) {
        params.forEach((p, i) => p.assign(lastGood[i]));
        throw new HepuqError('TrainingDiverged', `${opts.method}: loss became ${terms.loss} at epoch ${epoch}; weights restored to epoch ${epoch - 1}`);
      }
      lastLoss = terms.loss;
      lastGood.forEach((t) => t.dispose());
      lastGood = params.map((p) => tf.keep(p.clone()));
      const { loss, ...rest } = terms;
      opts.events.emit('fit:epoch', { method: opts.method, epoch, epochs: opts.epochs, loss, terms: rest }, opts.method);
      if (epoch % 5 === 0) await new Promise((r) => setImmediate(r));
    }
  } finally {
    lastGood.forEach((t) => t.dispose());
    optimizer.dispose();
  }
  const seconds = (Date.now() - start) / 1000;
  opts.events.emit('fit:end', { method: opts.method, epochs: opts.epochs, seconds, loss: lastLoss }, opts.method);
  return { epochs: opts.epochs, loss: lastLoss, seconds };
}
