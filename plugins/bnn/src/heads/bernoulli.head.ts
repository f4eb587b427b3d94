import * as tf from '@tensorflow/tfjs';
import { weightedBce } from '@hepuq/nn';
import type { ClassificationHead } from './head.js';

/** Sigmoid head for binary labels: weighted BCE on the logit (core's stable `weightedBce`), p_r = sigmoid(logit_r). */
export const bernoulliHead: ClassificationHead = {
  kind: 'bernoulli',
  outputs: 1,
  nll(out, y, w) {
    return weightedBce(y, out, w.expandDims(1));
  },
  drawProbs(out) {
    return tf.sigmoid(out.reshape([out.shape[0], out.shape[1]])) as tf.Tensor2D;
  },
};
