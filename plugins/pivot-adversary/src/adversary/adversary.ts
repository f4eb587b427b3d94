import * as tf from '@tensorflow/tfjs';
import type { Rng } from '@hepuq/core';
import { weightedStd, weightSummary } from '@hepuq/stats';
import { initMlpArrays, mlpForward, mlpVariables, softBound, type MlpArchitecture } from '@hepuq/nn';

/** Most distinct values a nuisance may take to be treated as discrete (e.g. generators) by `auto`. */
export const MAX_DISCRETE_VALUES = 10;
const LOG_SIGMA_MIN = -7;
const LOG_SIGMA_MAX = 5;
const HALF_LOG_2PI = 0.5 * Math.log(2 * Math.PI);

/** How the adversary models Z given the classifier output. */
export type AdversaryModel = { type: 'mixture'; components: number; mean: number; std: number } | { type: 'classes'; values: number[] };

/**
 * The model for a nuisance column: a softmax over its values when it takes at most
 * MAX_DISCRETE_VALUES distinct values (or `kind` says 'classes'), else a K-component Gaussian
 * mixture density network on Z standardised with its weighted mean and std.
 */
export function adversaryModel(z: Float32Array, w: Float32Array, kind: 'auto' | 'mixture' | 'classes', components: number): AdversaryModel {
  const distinct = [...new Set(z)].sort((a, b) => a - b);
  if (kind === 'classes' || (kind === 'auto' && distinct.length <= MAX_DISCRETE_VALUES)) return { type: 'classes', values: distinct };
  const sd = weightedStd(z, w, weightSummary(w));
  return { type: 'mixture', components, mean: sd.mean.value, std: sd.value };
}

/**
 * The adversary r(f(x)) of learning to pivot (Louppe, Kagan, Cranmer 1611.01046): an MLP from the
 * classifier output to p(z | f). Its loss is the weighted mean negative log-likelihood of Z in nats on
 * Z's own scale (for a mixture, -log sum_k pi_k N(z; mu_k, sigma_k); for classes, the cross-entropy),
 * so with no information left in f it reaches the entropy of the Z prior.
 */
export class Adversary {
  private constructor(readonly model: AdversaryModel, readonly arch: MlpArchitecture, readonly params: tf.Variable[]) {}

  static create(model: AdversaryModel, hidden: number[], rng: Rng): Adversary {
    const outputs = model.type === 'classes' ? model.values.length : 3 * model.components;
    const arch: MlpArchitecture = { inputs: 1, hidden, outputs, activation: 'relu' };
    return new Adversary(model, arch, mlpVariables(arch, initMlpArrays(arch, rng)));
  }

  /** Z encoded as the loss reads it: the class index, or Z standardised. */
  encode(z: Float32Array): Float32Array {
    const m = this.model;
    if (m.type === 'classes') return Float32Array.from(z, (v) => m.values.indexOf(v));
    return Float32Array.from(z, (v) => (v - m.mean) / m.std);
  }

  /** Per-event negative log-likelihood [B] of the encoded targets given classifier outputs `f` [B, 1]. */
  nll(f: tf.Tensor2D, target: tf.Tensor1D): tf.Tensor1D {
    return tf.tidy(() => {
      const out = mlpForward(this.params, f, 'relu');
      if (this.model.type === 'classes') {
        const logp = tf.logSoftmax(out);
        const onehot = tf.oneHot(tf.cast(target, 'int32'), this.model.values.length);
        return tf.neg(tf.sum(tf.mul(logp, onehot), 1)) as tf.Tensor1D;
      }
      const k = this.model.components;
      const logPi = tf.logSoftmax(out.slice([0, 0], [-1, k]));
      const mu = out.slice([0, k], [-1, k]);
      const logSigma = softBound(out.slice([0, 2 * k], [-1, k]), LOG_SIGMA_MIN, LOG_SIGMA_MAX);
      const u = tf.div(tf.sub(target.expandDims(1), mu), tf.exp(logSigma));
      const logN = tf.sub(tf.neg(tf.add(tf.mul(tf.square(u), 0.5), logSigma)), HALF_LOG_2PI);
      // back to Z's own scale: p(z) = p(u) / std
      return tf.add(tf.neg(tf.logSumExp(tf.add(logPi, logN), 1)), Math.log(this.model.std)) as tf.Tensor1D;
    });
  }

  dispose(): void {
    this.params.forEach((p) => p.dispose());
  }
}
