import * as tf from '@tensorflow/tfjs';
import { balancedWeights, checkedLabels, disposeTrainTensors, fitStandardizer, standardize, targetScale, trainTensors, type Standardizer } from '@hepuq/nn';
import { HepuqError, type Dataset } from '@hepuq/core';

export type EnsembleTask = 'regression' | 'classification';

/** The training set as every member sees it: standardised inputs, scaled targets, weights of mean 1. */
export interface TrainingSet {
  n: number;
  inputs: number;
  /** Standardised inputs, row-major [n, inputs]. */
  x: Float32Array;
  /** Regression: (y - targetMean) / targetStd; classification: the 0/1 label. */
  y: Float32Array;
  /** Event weights normalised to mean 1 (class-balanced first when asked). */
  weights: Float32Array;
  inputScale: Standardizer;
  targetMean: number;
  targetStd: number;
}

/**
 * Validate `data` for `task` (size, NaN/Inf, labels, positive weight sum: core's checks) and bring it
 * to the form members train on. Regression targets are standardised so the loss is scale-free, as in het-mlp.
 * @example const set = trainingSet(data, 'regression', false, 'deep-ensemble')
 */
export function trainingSet(data: Dataset, task: EnsembleTask, balance: boolean, method: string): TrainingSet {
  let y: Float32Array;
  let train = data;
  let targetMean = 0;
  let targetStd = 1;
  if (task === 'regression') {
    if (!data.target) throw new HepuqError('MissingColumn', `${data.source}: ${method} needs a regression target column`);
    ({ mean: targetMean, std: targetStd } = targetScale(data.target));
    y = Float32Array.from(data.target, (v) => (v - targetMean) / targetStd);
  } else {
    y = checkedLabels(data);
    if (balance) train = data.withWeights(balancedWeights(data.weights, y));
  }
  const inputScale = fitStandardizer(train.featureMatrix(), train.n, train.nFeatures);
  const x = standardize(train.featureMatrix(), inputScale);
  // core's trainTensors owns the checks (size, finiteness, weight sum) and the normalisation to mean 1
  const tensors = trainTensors(train, x, y);
  const weights = tf.tidy(() => tensors.w.dataSync() as Float32Array).slice();
  disposeTrainTensors(tensors);
  return { n: train.n, inputs: train.nFeatures, x, y, weights, inputScale, targetMean, targetStd };
}
