import * as tf from '@tensorflow/tfjs';
import { HepuqError, type NamedArray, type Rng } from '@hepuq/core';
import { initMlpArrays, type Activation, type MlpArchitecture } from '@hepuq/nn';
import { denseLayer } from '../network/activation.js';
import { denseStack } from '../network/dense-stack.js';
import { localReparamStack } from '../network/local-reparam-stack.js';
import type { VariationalLayer } from '../network/variational-mlp.js';
import type { NoiseSource } from '../random/noise-source.js';
import { flatten, mlpFlatLayout, splitFlat, type FlatLayout } from '../variational/flat-layout.js';
import { softplusInverse } from '../variational/gaussian-kl.js';
import { VariationalParameters } from '../variational/variational-parameters.js';
import { affineForward, affineInverse } from './affine-coupling.js';
import { rqSplineForward, rqSplineInverse, splineParamCount } from './rq-spline.js';

export interface FlowArchitecture {
  /** Modelled coordinates. */
  dims: number;
  /** Conditioning inputs (e.g. an augmentation parameter a), fed to every coupling subnet. */
  conditions: number;
  couplings: number;
  hidden: number[];
  activation: Activation;
  transform: 'rq' | 'affine';
  bins: number;
  bound: number;
}

export interface FlowVariational {
  priorSigma: number;
  initSigma: number;
  layer: VariationalLayer;
}

const HALF_LOG_2PI = 0.5 * Math.log(2 * Math.PI);

/** Coordinates transformed by coupling c and those it is conditioned on (halves alternate; 1-D flows condition on nothing). */
export function couplingSplit(dims: number, c: number): { transformed: number[]; conditioning: number[] } {
  if (dims === 1) return { transformed: [0], conditioning: [] };
  const half = Math.floor(dims / 2);
  const first = [...Array(half).keys()];
  const second = [...Array(dims - half).keys()].map((i) => i + half);
  return c % 2 === 0 ? { transformed: second, conditioning: first } : { transformed: first, conditioning: second };
}

/** The subnet MLP of coupling c: (conditioning coordinates, conditions) -> transform parameters. */
export function subnetArchitecture(arch: FlowArchitecture, c: number): MlpArchitecture {
  const { transformed, conditioning } = couplingSplit(arch.dims, c);
  const per = arch.transform === 'rq' ? splineParamCount(arch.bins) : 2;
  return { inputs: Math.max(1, conditioning.length + arch.conditions), hidden: arch.hidden, outputs: transformed.length * per, activation: arch.activation };
}

/**
 * A Bayesian normalising flow (Bellagente, Haussmann, Luchmann, Plehn 2104.04543): coupling layers
 * (rational-quadratic spline or affine) whose subnets have mean-field Gaussian weights, all in ONE
 * flat mean and ONE flat rho vector. Maps flow coordinates u to a standard-normal latent z;
 * log p(u) = sum_j log N(z_j; 0, 1) + sum_c log |det dz/du|_c. Each weight draw is one density.
 */
export class BayesianFlow {
  readonly layouts: FlatLayout[];
  readonly sizes: number[];

  private constructor(
    readonly arch: FlowArchitecture,
    readonly q: VariationalParameters,
    readonly opts: FlowVariational,
  ) {
    this.layouts = [...Array(arch.couplings).keys()].map((c) => mlpFlatLayout(subnetArchitecture(arch, c)));
    this.sizes = this.layouts.map((l) => l.total);
  }

  get trainables(): tf.Variable[] {
    return [this.q.params];
  }

  /** Seeded init: He/Glorot means, last layer of every subnet at zero (the flow starts near the identity). */
  static create(arch: FlowArchitecture, rng: Rng, opts: FlowVariational): BayesianFlow {
    const parts = [...Array(arch.couplings).keys()].map((c) => {
      const arrays = initMlpArrays(subnetArchitecture(arch, c), rng.fork(`coupling-${c}`));
      arrays[arrays.length - 2].fill(0);
      return flatten(arrays);
    });
    const mu = flatten(parts);
    return BayesianFlow.fromFlat(arch, mu, new Float32Array(mu.length).fill(softplusInverse(opts.initSigma)), opts);
  }

  static fromFlat(arch: FlowArchitecture, mu: Float32Array, rho: Float32Array, opts: FlowVariational): BayesianFlow {
    const total = [...Array(arch.couplings).keys()].reduce((s, c) => s + mlpFlatLayout(subnetArchitecture(arch, c)).total, 0);
    return new BayesianFlow(arch, VariationalParameters.create(mu, rho, total, 'Bayesian flow'), opts);
  }

  static fromArrays(arch: FlowArchitecture, arrays: NamedArray[], opts: FlowVariational): BayesianFlow {
    const get = (name: string): Float32Array => {
      const a = arrays.find((x) => x.name === name);
      if (!a) throw new HepuqError('ModelLoadFailed', `saved Bayesian flow lacks array "${name}"`);
      return a.data;
    };
    return BayesianFlow.fromFlat(arch, get('mu'), get('rho'), opts);
  }

  /** Training pass: log p(u | c) [B] with fresh weight noise (local reparameterisation by default) and KL[q || p]. */
  trainLogProb(u: tf.Tensor2D, cond: tf.Tensor2D | null, noise: NoiseSource): { logProb: tf.Tensor1D; penalty: tf.Scalar } {
    const { mu, s2, kl: penalty } = this.q.terms(this.opts.priorSigma);
    let subnet: (c: number, input: tf.Tensor2D) => tf.Tensor2D;
    // from the second coupling on, the subnet reads columns earlier couplings transformed: the
    // gradient must flow through its input to their parameters (c > 0: inputGrad)
    if (this.opts.layer === 'local') {
      const mus = tf.split(mu, this.sizes) as tf.Tensor1D[];
      const s2s = tf.split(s2, this.sizes) as tf.Tensor1D[];
      subnet = (c, input) => localReparamStack(mus[c], s2s[c], input, noise.philoxStream(), this.layouts[c], this.arch.activation, false, c > 0);
    } else {
      const theta = tf.add(mu, tf.mul(tf.sqrt(s2), noise.normal1d(this.q.size))) as tf.Tensor1D;
      const thetas = tf.split(theta, this.sizes) as tf.Tensor1D[];
      subnet = (c, input) => denseStack(thetas[c], input, this.layouts[c], this.arch.activation, undefined, false, c > 0);
    }
    return { logProb: this.logProb(u, cond, subnet), penalty };
  }

  /** R weight draws, each kept as per-coupling flat parameter vectors. */
  sampleDraws(count: number, noise: NoiseSource): tf.Tensor1D[][] {
    const theta = this.q.draws(count, noise);
    const out = tf.tidy(() => tf.unstack(theta).map((t) => tf.split(t, this.sizes) as tf.Tensor1D[]));
    theta.dispose();
    return out;
  }

  /** log p(u | c) [n] under one weight draw (per-coupling parameters from `sampleDraws`). */
  drawLogProb(u: tf.Tensor2D, cond: tf.Tensor2D | null, draw: tf.Tensor1D[]): tf.Tensor1D {
    return this.logProb(u, cond, (c, input) => this.plainSubnet(draw[c], c, input));
  }

  /** Map latent z [n, d] back to flow coordinates u under one weight draw (couplings inverted in reverse order). */
  drawInverse(z: tf.Tensor2D, cond: tf.Tensor2D | null, draw: tf.Tensor1D[]): tf.Tensor2D {
    const cols = this.columns(z);
    for (let c = this.arch.couplings - 1; c >= 0; c--) {
      const { transformed } = couplingSplit(this.arch.dims, c);
      const raw = this.plainSubnet(draw[c], c, this.subnetInput(cols, cond, c));
      transformed.forEach((j, t) => {
        const r = this.paramsOf(raw, t, transformed.length);
        cols[j] = this.arch.transform === 'rq' ? rqSplineInverse(cols[j], r, this.arch) : affineInverse(cols[j], r);
      });
    }
    return tf.stack(cols, 1) as tf.Tensor2D;
  }

  private logProb(u: tf.Tensor2D, cond: tf.Tensor2D | null, subnet: (c: number, input: tf.Tensor2D) => tf.Tensor2D): tf.Tensor1D {
    const cols = this.columns(u);
    let logDet: tf.Tensor = tf.zeros([u.shape[0]]);
    for (let c = 0; c < this.arch.couplings; c++) {
      const { transformed } = couplingSplit(this.arch.dims, c);
      const raw = subnet(c, this.subnetInput(cols, cond, c));
      transformed.forEach((j, t) => {
        const r = this.paramsOf(raw, t, transformed.length);
        const out = this.arch.transform === 'rq' ? rqSplineForward(cols[j], r, this.arch) : affineForward(cols[j], r);
        cols[j] = out.y;
        logDet = tf.add(logDet, out.logDet);
      });
    }
    const sq = cols.reduce<tf.Tensor>((s, z) => tf.add(s, tf.square(z)), tf.zeros([u.shape[0]]));
    return tf.sub(logDet, tf.add(tf.mul(0.5, sq), this.arch.dims * HALF_LOG_2PI)) as tf.Tensor1D;
  }

  private plainSubnet(theta: tf.Tensor1D, c: number, input: tf.Tensor2D): tf.Tensor2D {
    const p = splitFlat(theta, this.layouts[c]);
    const last = p.W.length - 1;
    let h = input;
    for (let l = 0; l <= last; l++) h = denseLayer(h, p.W[l], p.b[l], l < last ? this.arch.activation : 'linear');
    return h;
  }

  private columns(u: tf.Tensor2D): tf.Tensor1D[] {
    if (this.arch.dims === 1) return [u.reshape([-1]) as tf.Tensor1D];
    return tf.split(tf.transpose(u), this.arch.dims, 0).map((c) => c.reshape([-1]) as tf.Tensor1D);
  }

  private subnetInput(cols: tf.Tensor1D[], cond: tf.Tensor2D | null, c: number): tf.Tensor2D {
    const { conditioning } = couplingSplit(this.arch.dims, c);
    const parts: tf.Tensor2D[] = conditioning.map((j) => cols[j].expandDims(1) as tf.Tensor2D);
    if (cond) parts.push(cond);
    if (parts.length === 0) return tf.zeros([cols[0].shape[0], 1]);
    return parts.length === 1 ? parts[0] : (tf.concat(parts, 1) as tf.Tensor2D);
  }

  private paramsOf(raw: tf.Tensor2D, t: number, count: number): tf.Tensor2D {
    if (count === 1) return raw;
    const per = raw.shape[1] / count;
    return raw.slice([0, t * per], [-1, per]);
  }

  toArrays(): NamedArray[] {
    const { mu, rho } = this.q.arrays();
    return [
      { name: 'mu', shape: [this.q.size], data: mu },
      { name: 'rho', shape: [this.q.size], data: rho },
    ];
  }

  dispose(): void {
    this.q.dispose();
  }
}
