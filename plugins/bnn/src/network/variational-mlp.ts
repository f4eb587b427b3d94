import * as tf from '@tensorflow/tfjs';
import { HepuqError, type NamedArray, type Rng } from '@hepuq/core';
import { fusedDenseStacked, hepuqKernelsActive } from '@hepuq/kernels';
import { type MlpArchitecture, type StackWeights } from '@hepuq/nn';
import type { NoiseSource } from '../random/noise-source.js';
import { flatten, mlpFlatLayout, type FlatLayout, type LayerTensors } from '../variational/flat-layout.js';
import { softplusInverse } from '../variational/gaussian-kl.js';
import { VariationalParameters } from '../variational/variational-parameters.js';
import { activate } from './activation.js';
import { denseStack } from './dense-stack.js';
import { initHeadedMlpArrays } from './output-init.js';
import { initMlpArrays } from '@hepuq/nn';
import { localReparamLayers } from './local-reparam-stack.js';
import { MLP_ROLE, type DrawSet, type StackRole, type StochasticNetwork, type TrainPass } from './stochastic-network.js';

/** How training samples the weights: local reparameterisation (default) or plain reparameterisation. */
export type VariationalLayer = 'local' | 'reparam';

export interface VariationalInit {
  /** Prior width s_p of every weight and bias, p = N(0, s_p^2). */
  priorSigma: number;
  /** Initial posterior width sigma_0 of every parameter. */
  initSigma: number;
  layer: VariationalLayer;
}

/**
 * Mean-field variational MLP: q(theta) = prod_j N(mu_j, softplus(rho_j)^2) with ONE flat mean vector
 * and ONE flat rho vector for the whole network (one noise draw, one softplus and one KL reduction
 * per step). Means start at the He/Glorot init of a deterministic MLP, widths at `initSigma`.
 */
export class VariationalMlp implements StochasticNetwork {
  readonly kind = 'variational' as const;
  readonly layout: FlatLayout;

  private constructor(
    readonly arch: MlpArchitecture,
    readonly q: VariationalParameters,
    readonly opts: VariationalInit,
    readonly role: StackRole,
  ) {
    this.layout = mlpFlatLayout(arch);
  }

  get trainables(): tf.Variable[] {
    return [this.q.params];
  }

  /** A fresh network: mu from the seeded deterministic init, rho = softplus^-1(initSigma). */
  static create(arch: MlpArchitecture, rng: Rng, opts: VariationalInit, role: StackRole = MLP_ROLE): VariationalMlp {
    const mu = flatten(role.head ? initHeadedMlpArrays(arch, rng) : initMlpArrays(arch, rng));
    const rho = new Float32Array(mu.length).fill(softplusInverse(opts.initSigma));
    return VariationalMlp.fromFlat(arch, mu, rho, opts, role);
  }

  static fromFlat(arch: MlpArchitecture, mu: Float32Array, rho: Float32Array, opts: VariationalInit, role: StackRole = MLP_ROLE): VariationalMlp {
    return new VariationalMlp(arch, VariationalParameters.create(mu, rho, mlpFlatLayout(arch).total, 'variational MLP'), opts, role);
  }

  /** Rebuild from `toArrays()` output. */
  static fromArrays(arch: MlpArchitecture, arrays: readonly NamedArray[], opts: VariationalInit, role: StackRole = MLP_ROLE): VariationalMlp {
    const get = (name: string): Float32Array => {
      const a = arrays.find((x) => x.name === name);
      if (!a) throw new HepuqError('ModelLoadFailed', `saved variational network lacks array "${name}"`);
      return a.data;
    };
    return VariationalMlp.fromFlat(arch, get('mu'), get('rho'), opts, role);
  }

  /**
   * One training pass. `local` (default) draws the noise per event: local reparameterisation when
   * every row is an event, one weight sample per event when `rowsPerEvent` rows are one event (a set
   * body's Phi), so all particles of an event see the same function. `reparam`: one weight sample for
   * the whole batch.
   */
  trainPass(x: tf.Tensor2D, noise: NoiseSource, rowsPerEvent = 1): TrainPass {
    if (this.opts.layer === 'local' && rowsPerEvent === 1) {
      const t = this.q.layerTerms(this.opts.priorSigma, this.layout);
      return { out: this.localForward(x, t.mu, t.s2, noise), penalty: t.kl };
    }
    const { mu, s2, kl } = this.q.terms(this.opts.priorSigma);
    const out = this.opts.layer === 'reparam'
      ? this.reparamForward(x, mu, s2, noise)
      : this.perEventForward(x, mu, s2, noise, rowsPerEvent);
    return { out, penalty: kl };
  }

  /**
   * One weight draw theta_b = mu + sigma * eps_b per event for its P consecutive rows, every layer a
   * batched matmul [B, P, in] x [B, in, out]: exact per-event function draws, with per-event noise
   * like local reparameterisation on event rows. Plain autodiff (Phi is small: B x weights floats).
   */
  private perEventForward(x: tf.Tensor2D, mu: tf.Tensor1D, s2: tf.Tensor1D, noise: NoiseSource, rowsPerEvent: number): tf.Tensor2D {
    const events = x.shape[0] / rowsPerEvent;
    const theta = tf.add(mu, tf.mul(tf.sqrt(s2), noise.normal2d(events, this.layout.total)));
    const parts = tf.split(theta, this.layout.sizes, 1);
    const last = this.layout.shapes.length - 1;
    let h: tf.Tensor3D = x.reshape([events, rowsPerEvent, x.shape[1]]);
    this.layout.shapes.forEach(([fanIn, fanOut], l) => {
      const z = tf.add(tf.matMul(h, parts[2 * l].reshape([events, fanIn, fanOut])), parts[2 * l + 1].reshape([events, 1, fanOut])) as tf.Tensor3D;
      h = l < last || this.role.activateOutput ? activate(z, this.arch.activation) : z;
    });
    return h.reshape([events * rowsPerEvent, -1]);
  }

  /**
   * Local reparameterisation (Kingma, Salimans, Welling 1506.02557): sample the pre-activations
   * z = x W_mu + b_mu + sqrt(x^2 sigma_W^2 + sigma_b^2) * eps, eps ~ N(0, 1) per event and unit;
   * same marginals as sampling W, lower-variance gradients. eps is drawn inside the layer kernels
   * from a stream keyed by `noise` (one key per pass, layer l its stream l).
   */
  private localForward(x: tf.Tensor2D, mu: LayerTensors, s2: LayerTensors, noise: NoiseSource): tf.Tensor2D {
    return localReparamLayers(mu, s2, x, noise.philoxStream(), this.arch.activation, this.role.activateOutput, this.role.inputGrad);
  }

  /** Plain reparameterisation (Blundell et al. 1505.05424): one weight draw theta = mu + sigma * eps per step for the whole batch. */
  private reparamForward(x: tf.Tensor2D, mu: tf.Tensor1D, s2: tf.Tensor1D, noise: NoiseSource): tf.Tensor2D {
    const theta = tf.add(mu, tf.mul(tf.sqrt(s2), noise.normal1d(this.layout.total))) as tf.Tensor1D;
    return denseStack(theta, x, this.layout, this.arch.activation, undefined, this.role.activateOutput, this.role.inputGrad);
  }

  /** R weight draws theta_r = mu + sigma * eps_r, kept stacked per layer: [W0 [R, in, out], b0 [R, out], W1, b1, ...]. */
  sampleDraws(count: number, noise: NoiseSource): DrawSet {
    const theta = this.q.draws(count, noise);
    const tensors = tf.tidy(() => tf.split(theta, this.layout.sizes, 1).map((t, i) => {
      const [fanIn, fanOut] = this.layout.shapes[i >> 1];
      return i % 2 === 0 ? t.reshape([count, fanIn, fanOut]) : t;
    }));
    theta.dispose();
    return { count, tensors };
  }

  /**
   * All draws on inputs [n, d] (or [R, n, d], one per draw) -> [R, n, outputs]: the draws are the
   * members of one `fusedDenseStacked` call per layer (one SIMD wasm kernel for all R draws on the
   * wasm backend, a batched matmul elsewhere), the first layer reading the shared input once. On
   * wasm without the kernels, a loop of 2-D fused matmuls per draw: there XNNPACK's 2-D matmul is
   * ~8x faster than one batched [R, n, d] x [R, d, o] matmul.
   */
  drawsForward(x: tf.Tensor, draws: DrawSet): tf.Tensor3D {
    const last = this.layout.shapes.length - 1;
    if (tf.getBackend() === 'wasm' && !hepuqKernelsActive()) return this.drawLoopForward(x, draws);
    let h = (x.rank === 3 ? x : x.expandDims(0)) as tf.Tensor3D;
    for (let l = 0; l <= last; l++) {
      h = fusedDenseStacked(h, draws.tensors[2 * l] as tf.Tensor3D, draws.tensors[2 * l + 1] as tf.Tensor2D, l < last || this.role.activateOutput ? this.arch.activation : 'linear');
    }
    return h;
  }

  /**
   * `drawsForward` one draw at a time (plain tfjs ops). The bias is added unfused: tfjs-backend-wasm's
   * fused matmul reads the bias's rank from its buffer, which for a draw unstacked from [R, out] is [1, out].
   */
  private drawLoopForward(x: tf.Tensor, draws: DrawSet): tf.Tensor3D {
    const last = this.layout.shapes.length - 1;
    const perDraw = x.rank === 3 ? tf.unstack(x) : undefined;
    const layers = this.layout.shapes.map((_, l) => [tf.unstack(draws.tensors[2 * l]), tf.unstack(draws.tensors[2 * l + 1])]);
    const outs = Array.from({ length: draws.count }, (_, r) => {
      let h = (perDraw ? perDraw[r] : x) as tf.Tensor2D;
      layers.forEach(([w, b], l) => (h = activate(tf.add(tf.matMul(h, w[r] as tf.Tensor2D), b[r]) as tf.Tensor2D, l < last || this.role.activateOutput ? this.arch.activation : 'linear')));
      return h;
    });
    return tf.stack(outs) as tf.Tensor3D;
  }

  drawWeights(draws: DrawSet): StackWeights {
    // the stacked draws [R, ...] are already draw-major
    const layer = (offset: number) => this.layout.shapes.map((_, l) => Float32Array.from(draws.tensors[2 * l + offset].dataSync() as Float32Array));
    return { W: layer(0), b: layer(1) };
  }

  toArrays(): NamedArray[] {
    const { mu, rho } = this.q.arrays();
    return [
      { name: 'mu', shape: [this.layout.total], data: mu },
      { name: 'rho', shape: [this.layout.total], data: rho },
    ];
  }

  dispose(): void {
    this.q.dispose();
  }
}
