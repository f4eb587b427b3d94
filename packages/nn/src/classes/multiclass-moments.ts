import * as tf from '@tensorflow/tfjs';
import type { MulticlassPrediction } from '@hepuq/core';
import { splitRows } from '../nn/chunked-evaluation.js';
import { posteriorProbMoments } from '../nn/posterior-moments.js';

/**
 * Per-class moments of R draws' softmax outputs: logits [R, n, K] give `probs` and `sigma` [K, n]
 * (mean and population spread over draws, `posteriorProbMoments` per class) and, for `replicas` > 0,
 * the first draws' probabilities as `replicas` [replicas * K, n]. Call inside a tidy (e.g. an evaluate head).
 */
export function multiclassMoments(logits: tf.Tensor3D, replicas: number): Record<string, tf.Tensor> {
  const [r, n, k] = logits.shape;
  const p = tf.transpose(tf.softmax(logits), [0, 2, 1]) as tf.Tensor3D;
  const { prob, sigma } = posteriorProbMoments(p);
  const out: Record<string, tf.Tensor> = { probs: prob, sigma };
  if (replicas > 0) out.replicas = p.slice([0, 0, 0], [Math.min(replicas, r), k, n]).reshape([-1, n]);
  return out;
}

/** The prediction from `multiclassMoments` columns gathered over n events. */
export function multiclassPrediction(cols: Record<string, Float32Array>, classes: string[], replicas: number, n: number): MulticlassPrediction {
  const k = classes.length;
  const pred: MulticlassPrediction = { kind: 'multiclass', probs: splitRows(cols.probs, k, n), sigmaProbs: splitRows(cols.sigma, k, n), classes: [...classes] };
  if (replicas > 0) {
    const rows = splitRows(cols.replicas, replicas * k, n);
    pred.replicas = Array.from({ length: replicas }, (_, r) => rows.slice(r * k, (r + 1) * k));
  }
  return pred;
}
