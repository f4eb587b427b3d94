import type { AdamState } from '@hepuq/core';
import * as tf from '@tensorflow/tfjs';
import { adamUpdate } from '@hepuq/kernels';

/**
 * Adam (Kingma & Ba 1412.6980, Algorithm 1) over all variables at once with flat moment vectors:
 * `@hepuq/kernels`' `adamUpdate`, one SIMD wasm call per step on the wasm backend (tfjs's own Adam
 * runs ~20 small ops per variable, and per-op dispatch, not arithmetic, dominates small networks),
 * plain tfjs ops on one concatenated gradient elsewhere. The bias corrections are folded into the
 * step size alpha_t = lr sqrt(1 - beta2^t) / (1 - beta1^t) (the paper's efficient form, with epsilon
 * applied to the uncorrected second moment).
 */
export class FlatAdam {
  learningRate: number;
  #m: tf.Variable;
  #v: tf.Variable;
  #t = 0;

  constructor(private readonly vars: tf.Variable[], lr: number, private readonly beta1 = 0.9, private readonly beta2 = 0.999, private readonly epsilon = 1e-8) {
    this.learningRate = lr;
    const total = vars.reduce((a, v) => a + v.size, 0);
    this.#m = tf.tidy(() => tf.variable(tf.zeros([total]), false));
    this.#v = tf.tidy(() => tf.variable(tf.zeros([total]), false));
  }

  /** One step on the scalar `loss()`; returns the loss value (kept: the caller disposes it). */
  minimize(loss: () => tf.Scalar): tf.Scalar {
    this.#t++;
    const alpha = (this.learningRate * Math.sqrt(1 - this.beta2 ** this.#t)) / (1 - this.beta1 ** this.#t);
    return tf.tidy(() => {
      const { value, grads } = tf.variableGrads(loss, this.vars);
      const next = adamUpdate(this.vars, this.vars.map((v) => grads[v.name]), this.#m, this.#v, { alpha, beta1: this.beta1, beta2: this.beta2, epsilon: this.epsilon });
      this.#m.assign(next.m);
      this.#v.assign(next.v);
      next.params.forEach((p, i) => this.vars[i].assign(p));
      return tf.keep(value);
    });
  }

  /** The moments and step count, for a checkpoint (`restore` continues exactly from here). */
  async saveState(): Promise<AdamState> {
    return { m: (await this.#m.data()) as Float32Array, v: (await this.#v.data()) as Float32Array, t: this.#t };
  }

  restoreState(state: AdamState): void {
    const total = this.#m.size;
    if (state.m.length !== total || state.v.length !== total || !Number.isInteger(state.t) || state.t < 0) {
      throw new RangeError(`Adam state has ${state.m.length}/${state.v.length} moments at step ${state.t}; this optimiser has ${total}`);
    }
    tf.tidy(() => {
      this.#m.assign(tf.tensor1d(state.m));
      this.#v.assign(tf.tensor1d(state.v));
    });
    this.#t = state.t;
  }

  dispose(): void {
    this.#m.dispose();
    this.#v.dispose();
  }
}

