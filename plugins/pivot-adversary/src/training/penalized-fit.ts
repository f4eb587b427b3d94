import * as tf from '@tensorflow/tfjs';
import type { Dataset, MethodContext, z } from '@hepuq/core';
import { trainLoopOverRows, weightedBce, type DenseNetwork } from '@hepuq/nn';
import type { PenaltyOptions } from '../options/decorrelation-options.js';
import { decorrelationTensors, disposeDecorrelationTensors } from './decorrelation-tensors.js';

/** A differentiable decorrelation penalty of a minibatch: scores, target column and the weights of the events it sees. */
export type Penalty = (score: tf.Tensor1D, target: tf.Tensor1D, w: tf.Tensor1D) => tf.Scalar;

/**
 * Train `net` on L = BCE + lambda * penalty(score, target, w) per minibatch through @hepuq/nn's
 * training loop (seeded batches, fit events with both terms, abort signal, checkpoints, NaN checks).
 * The score is the classifier's probability, as in DisCo and MoDe.
 */
export async function penalizedFit(
  net: DenseNetwork, data: Dataset, label: Float32Array, target: Float32Array,
  options: z.infer<typeof PenaltyOptions>, penalty: Penalty, method: string, ctx: MethodContext,
): Promise<void> {
  const t = decorrelationTensors(net, data, label, target, options.decorrelateOn);
  try {
    await trainLoopOverRows(net.trainables, data.n, (rows) => {
      const logits = net.forward({ x: tf.gather(t.x, rows) });
      const bce = weightedBce(tf.gather(t.y, rows), logits, tf.gather(t.w, rows).expandDims(1));
      const term = penalty(tf.sigmoid(logits.reshape([-1])) as tf.Tensor1D, tf.gather(t.t, rows), tf.gather(t.wd, rows));
      return { total: tf.add(bce, tf.mul(term, options.lambda)) as tf.Scalar, terms: { classifier: bce, penalty: term } };
    }, { ...options, rng: ctx.rng.fork('batches'), events: ctx.events, method, signal: ctx.signal, checkpoints: ctx.checkpoints });
  } finally {
    disposeDecorrelationTensors(t);
  }
}
