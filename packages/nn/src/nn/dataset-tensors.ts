import * as tf from '@tensorflow/tfjs';
import { assertFiniteDataset, type Dataset, HepuqError } from '@hepuq/core';
import type { TrainTensors } from './train-loop.js';

/** Fewest events a method will train on; below it every estimate is noise. */
export const MIN_TRAIN_EVENTS = 10;

/**
 * Validate a training set and move it to tensors: inputs `x` (already standardised), targets `y`
 * [n, k], weights normalised to mean 1 (a sum of weights <= 0 cannot be normalised and is an error).
 */
export function trainTensors(data: Dataset, x: Float32Array, y: Float32Array): TrainTensors {
  const w = trainWeights(data);
  return {
    x: tf.tensor2d(x, [data.n, x.length / data.n]),
    y: tf.tensor2d(y, [data.n, y.length / data.n]),
    w: tf.tensor1d(w),
  };
}

/**
 * Check a training set (enough events, everything finite) and return its event weights normalised
 * to mean 1 (a sum of weights <= 0 cannot be normalised and is an error).
 */
export function trainWeights(data: Dataset): Float32Array {
  if (data.n < MIN_TRAIN_EVENTS) {
    throw new HepuqError('EmptyDataset', `${data.source}: ${data.n} training events; at least ${MIN_TRAIN_EVENTS} are needed`);
  }
  assertFiniteDataset(data);
  let sum = 0;
  for (let i = 0; i < data.n; i++) sum += data.weights[i];
  if (!(sum > 0)) throw new HepuqError('InvalidArgument', `${data.source}: the event weights sum to ${sum}; it must be positive`);
  return Float32Array.from(data.weights, (v) => (v * data.n) / sum);
}

export function disposeTrainTensors(t: TrainTensors): void {
  tf.dispose([t.x, t.y, t.w]);
}
