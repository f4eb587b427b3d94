import * as tf from '@tensorflow/tfjs';
import { HepuqError, type NamedArray, type Rng } from '@hepuq/core';
import { type MlpArchitecture, type StackWeights } from '@hepuq/nn';
import type { NoiseSource } from '../random/noise-source.js';
import { flatten, mlpFlatLayout, splitFlat, type FlatLayout } from '../variational/flat-layout.js';
import { denseLayer } from './activation.js';
import { denseStack } from './dense-stack.js';
import { initHeadedMlpArrays } from './output-init.js';
import { MLP_ROLE, type DrawSet, type StackRole, type StochasticNetwork, type TrainPass } from './stochastic-network.js';
import { initMlpArrays } from '@hepuq/nn';

export interface DropoutInit {
  /** Dropout probability p of every hidden unit (kept on at prediction). */
  rate: number;
  /** Prior width s_p behind the weight decay (see `penalty`). */
  priorSigma: number;
}

/**
 * MC dropout (Gal & Ghahramani 1506.02142): Bernoulli(1 - p) masks on every hidden unit, kept on at
 * prediction, are the trivial variational family q(W) = W0 diag(Bernoulli). Its KL to a N(0, s_p^2)
 * prior is, up to constants, the weight decay sum_l (1 - p_l) |W_l|^2 / (2 s_p^2) + |b_l|^2 / (2 s_p^2),
 * with 1 - p_l the keep probability of layer l's inputs (1 for the input layer).
 */
export class DropoutMlp implements StochasticNetwork {
  readonly kind = 'dropout' as const;
  readonly layout: FlatLayout;
  private readonly decay: tf.Tensor1D;

  private constructor(readonly arch: MlpArchitecture, readonly theta: tf.Variable<tf.Rank.R1>, readonly opts: DropoutInit, readonly role: StackRole) {
    this.layout = mlpFlatLayout(arch);
    const keep = 1 - opts.rate;
    const coeff = this.layout.shapes.flatMap(([i, o], l) => [new Float32Array(i * o).fill(l === 0 ? 1 : keep), new Float32Array(o).fill(1)]);
    this.decay = tf.tensor1d(flatten(coeff).map((c) => c / (2 * opts.priorSigma * opts.priorSigma)));
  }

  get trainables(): tf.Variable[] {
    return [this.theta];
  }

  static create(arch: MlpArchitecture, rng: Rng, opts: DropoutInit, role: StackRole = MLP_ROLE): DropoutMlp {
    return DropoutMlp.fromFlat(arch, flatten(role.head ? initHeadedMlpArrays(arch, rng) : initMlpArrays(arch, rng)), opts, role);
  }

  static fromFlat(arch: MlpArchitecture, theta: Float32Array, opts: DropoutInit, role: StackRole = MLP_ROLE): DropoutMlp {
    const total = mlpFlatLayout(arch).total;
    if (theta.length !== total) throw new HepuqError('ModelLoadFailed', `dropout MLP needs ${total} weights, got ${theta.length}`);
    return new DropoutMlp(arch, tf.tidy(() => tf.variable(tf.tensor1d(theta))), opts, role);
  }

  static fromArrays(arch: MlpArchitecture, arrays: readonly NamedArray[], opts: DropoutInit, role: StackRole = MLP_ROLE): DropoutMlp {
    const a = arrays.find((x) => x.name === 'theta');
    if (!a) throw new HepuqError('ModelLoadFailed', 'saved dropout network lacks array "theta"');
    return DropoutMlp.fromFlat(arch, a.data, opts, role);
  }

  /**
   * One pass with an independent mask per event and hidden unit, shared by the `rowsPerEvent`
   * consecutive rows of an event (a set body's particles see the same function); penalty = weight-decay form of the KL.
   */
  trainPass(x: tf.Tensor2D, noise: NoiseSource, rowsPerEvent = 1): TrainPass {
    const keep = 1 - this.opts.rate;
    const events = x.shape[0] / rowsPerEvent;
    const perEvent = (m: tf.Tensor2D) => (rowsPerEvent === 1 ? m : tf.reshape(tf.tile(tf.expandDims(m, 1), [1, rowsPerEvent, 1]), [x.shape[0], m.shape[1]]));
    const masks = this.layout.shapes.slice(0, -1).map(([, fanOut]) => perEvent(noise.dropoutMask([events, fanOut], keep) as tf.Tensor2D));
    const out = denseStack(this.theta, x, this.layout, this.arch.activation, masks, this.role.activateOutput, this.role.inputGrad);
    const penalty = tf.sum(tf.mul(this.decay, tf.square(this.theta))) as tf.Scalar;
    return { out, penalty };
  }

  /** R mask sets, one [1, units] mask per hidden layer and draw: draw r drops the same units for every event. */
  sampleDraws(count: number, noise: NoiseSource): DrawSet {
    const keep = 1 - this.opts.rate;
    const hidden = this.layout.shapes.slice(0, -1);
    const tensors: tf.Tensor[] = [];
    for (let r = 0; r < count; r++) for (const [, o] of hidden) tensors.push(noise.dropoutMask([1, o], keep));
    return { count, tensors };
  }

  /**
   * All draws on inputs [n, d] -> [R, n, outputs]; the unmasked first layer is shared by all draws
   * (computed per draw for inputs [R, n, d], one per draw).
   */
  drawsForward(x: tf.Tensor, draws: DrawSet): tf.Tensor3D {
    const p = splitFlat(this.theta, this.layout);
    const last = this.layout.shapes.length - 1;
    const act = (l: number) => (l < last || this.role.activateOutput ? this.arch.activation : 'linear');
    const perDraw = x.rank === 3 ? tf.unstack(x) : undefined;
    const shared = perDraw ? undefined : denseLayer(x as tf.Tensor2D, p.W[0], p.b[0], act(0));
    const first = (r: number) => shared ?? denseLayer(perDraw![r] as tf.Tensor2D, p.W[0], p.b[0], act(0));
    if (last === 0) return tf.stack(Array.from({ length: draws.count }, (_, r) => first(r))) as tf.Tensor3D;
    const outs: tf.Tensor2D[] = [];
    for (let r = 0; r < draws.count; r++) {
      let h = first(r);
      for (let l = 1; l <= last; l++) {
        h = tf.mul(h, draws.tensors[r * last + l - 1]) as tf.Tensor2D;
        h = denseLayer(h, p.W[l], p.b[l], act(l));
      }
      outs.push(h);
    }
    return tf.stack(outs) as tf.Tensor3D;
  }

  /** The masks folded into the next layer's weights: (h * m) W = h (diag(m) W). */
  drawWeights(draws: DrawSet): StackWeights {
    const theta = this.theta.dataSync() as Float32Array;
    const last = this.layout.shapes.length - 1;
    let offset = 0;
    const W: Float32Array[] = [];
    const b: Float32Array[] = [];
    this.layout.shapes.forEach(([fanIn, fanOut], l) => {
      const w = theta.subarray(offset, offset + fanIn * fanOut);
      const bias = theta.subarray(offset + fanIn * fanOut, offset + fanIn * fanOut + fanOut);
      offset += fanIn * fanOut + fanOut;
      W.push(flatten(Array.from({ length: draws.count }, (_, r) => {
        if (l === 0) return w;
        const mask = draws.tensors[r * last + l - 1].dataSync();
        return Float32Array.from(w, (v, k) => v * mask[Math.floor(k / fanOut)]);
      })));
      b.push(flatten(Array.from({ length: draws.count }, () => bias)));
    });
    return { W, b };
  }

  toArrays(): NamedArray[] {
    return [{ name: 'theta', shape: [this.layout.total], data: this.theta.dataSync() as Float32Array }];
  }

  dispose(): void {
    this.theta.dispose();
    this.decay.dispose();
  }
}
