import * as tf from '@tensorflow/tfjs';
import type { Dataset } from '@hepuq/core';
import { disposeTrainTensors, trainTensors, type DenseNetwork, type TrainTensors } from '@hepuq/nn';
import type { DecorrelateOn } from '../options/decorrelation-options.js';

/** Training tensors plus the decorrelation target and the weights of the events the decorrelation term sees. */
export interface DecorrelationTensors extends TrainTensors {
  /** The target per event [n] (standardised nuisance, class index, or raw mass-like column). */
  t: tf.Tensor1D;
  /** Event weights of the decorrelation term [n]: `w` on the selected class, 0 elsewhere. */
  wd: tf.Tensor1D;
}

/**
 * Validate and move a classification set to tensors: standardised inputs, labels, weights normalised
 * to mean 1 (core's `trainTensors`), the encoded target and the decorrelation weights.
 */
export function decorrelationTensors(net: DenseNetwork, data: Dataset, label: Float32Array, target: Float32Array, on: DecorrelateOn): DecorrelationTensors {
  const base = trainTensors(data, net.flatInput(data), label);
  const keep = on === 'all' ? () => 1 : on === 'signal' ? (i: number) => label[i] : (i: number) => 1 - label[i];
  const mask = Float32Array.from(label, (_, i) => keep(i));
  return tf.tidy(() => ({ ...base, t: tf.keep(tf.tensor1d(target)), wd: tf.keep(tf.mul(base.w, tf.tensor1d(mask)) as tf.Tensor1D) }));
}

export function disposeDecorrelationTensors(t: DecorrelationTensors): void {
  disposeTrainTensors(t);
  tf.dispose([t.t, t.wd]);
}

/** Weighted mean of per-event values over the rows with positive weight (0 if none). */
export function weightedMeanOf(values: tf.Tensor1D, w: tf.Tensor1D): tf.Scalar {
  return tf.tidy(() => tf.div(tf.sum(tf.mul(values, w)), tf.maximum(tf.sum(w), 1e-12)));
}
