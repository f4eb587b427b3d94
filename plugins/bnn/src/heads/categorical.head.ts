import * as tf from '@tensorflow/tfjs';
import { weightedSoftmaxCe } from '@hepuq/nn';
import type { Head } from './head.js';

/**
 * Softmax head for K >= 3 classes (labels 0..K-1): weighted categorical cross-entropy on the K
 * logits; at prediction p_r = softmax(logits_r) per draw (see @hepuq/nn's `multiclassMoments`).
 */
export function categoricalHead(classes: number): Head {
  return {
    kind: 'categorical',
    outputs: classes,
    nll(out, y, w) {
      return weightedSoftmaxCe(y, out, w) as tf.Scalar;
    },
  };
}
