import * as tf from '@tensorflow/tfjs';
import { WasmHeap, type WasmBackendLike } from '../wasm/wasm-heap.js';
import { kernelAvailable } from './kernel-available.js';

export const HEPUQ_MEAN_FIELD_TERMS = 'HepuqMeanFieldTerms';
export const HEPUQ_MEAN_FIELD_TERMS_BACKWARD = 'HepuqMeanFieldTermsBackward';

export interface MeanFieldTermsAttrs extends tf.NamedAttrMap {
  /** Shapes of the consecutive pieces of mu (and of rho) that the outputs take, e.g. [[4, 64], [64], ...]. */
  shapes: number[][];
  priorSigma: number;
}

/** mu and s2 = sigma^2 pieces ([mu_0..mu_{k-1}, s2_0..s2_{k-1}]) — a type, so tf.tidy can return it. */
export type MeanFieldTerms = {
  mu: tf.Tensor[];
  s2: tf.Tensor[];
  /** KL[q || N(0, priorSigma^2)] in nats. */
  kl: tf.Scalar;
};

const size = (shape: number[]) => shape.reduce((a, b) => a * b, 1);

function writeScalar(backend: WasmBackendLike, ptr: number, value: number): void {
  new Float32Array(backend.wasm.asm.memory.buffer, ptr, 1)[0] = value;
}

/** Inputs {params}; outputs [mu pieces, s2 pieces, kl]: one pass over the packed [mu; rho] vector. */
export const meanFieldTermsWasm: tf.KernelConfig = {
  kernelName: HEPUQ_MEAN_FIELD_TERMS,
  backendName: 'wasm',
  kernelFunc: ({ inputs, backend, attrs }) => {
    const { params } = inputs as { params: tf.TensorInfo };
    const { shapes, priorSigma } = attrs as MeanFieldTermsAttrs;
    const wasm = backend as unknown as WasmBackendLike;
    const heap = new WasmHeap(wasm);
    const p = params.shape[0] / 2;
    const mu = shapes.map((s) => heap.output(s)), s2 = shapes.map((s) => heap.output(s)), kl = heap.output([]);
    let from = 0, sum = 0;
    shapes.forEach((s, i) => {
      sum += heap.kernels.meanFieldForward(heap.ptr(params), p, from, size(s), mu[i].ptr, s2[i].ptr, Math.log(priorSigma), 1 / (priorSigma * priorSigma));
      from += size(s);
    });
    writeScalar(wasm, kl.ptr, sum);
    return [...mu.map((t) => t.info), ...s2.map((t) => t.info), kl.info];
  },
};

/** Inputs {params, dkl, m0.., s0..} (the gradients of every output); output d params [2P]. */
export const meanFieldTermsBackwardWasm: tf.KernelConfig = {
  kernelName: HEPUQ_MEAN_FIELD_TERMS_BACKWARD,
  backendName: 'wasm',
  kernelFunc: ({ inputs, backend, attrs }) => {
    const t = inputs as Record<string, tf.TensorInfo>;
    const { shapes, priorSigma } = attrs as MeanFieldTermsAttrs;
    const wasm = backend as unknown as WasmBackendLike;
    const heap = new WasmHeap(wasm);
    const p = t.params.shape[0] / 2;
    const out = heap.output([2 * p]);
    const dkl = new Float32Array(wasm.wasm.asm.memory.buffer, heap.ptr(t.dkl), 1)[0];
    let from = 0;
    shapes.forEach((s, i) => {
      heap.kernels.meanFieldBackward(heap.ptr(t.params), p, from, size(s), heap.ptr(t[`m${i}`]), heap.ptr(t[`s${i}`]), dkl, 1 / (priorSigma * priorSigma), out.ptr);
      from += size(s);
    });
    return out.info;
  },
};

export const meanFieldTermsGradient: tf.GradConfig = {
  kernelName: HEPUQ_MEAN_FIELD_TERMS,
  inputsToSave: ['params'],
  gradFunc: (dys, saved, attrs) => {
    const d = dys as tf.Tensor[];
    const k = (d.length - 1) / 2;
    const inputs: tf.NamedTensorMap = { params: saved[0], dkl: d[2 * k] };
    for (let i = 0; i < k; i++) {
      inputs[`m${i}`] = d[i];
      inputs[`s${i}`] = d[k + i];
    }
    const grad = tf.engine().runKernel(HEPUQ_MEAN_FIELD_TERMS_BACKWARD, inputs, attrs as MeanFieldTermsAttrs) as tf.Tensor;
    return { params: () => grad };
  },
};

/**
 * The per-step quantities of a mean-field Gaussian posterior q = prod_j N(mu_j, softplus(rho_j)^2)
 * from the packed vector params = [mu (P), rho (P)]: mu and the variances s2 = sigma^2 cut into
 * pieces of `shapes` (a network's [W0, b0, W1, b1, ...]), and
 * KL[q || N(0, s_p^2)] = sum_j [log(s_p / sigma_j) + (sigma_j^2 + mu_j^2) / (2 s_p^2) - 1/2]
 * (Blundell et al. 1505.05424). One wasm kernel forward and one backward (no split, concat or
 * reshape ops) where `registerHepuqKernels` registered them; plain tfjs ops elsewhere.
 * @example const { mu, s2, kl } = meanFieldTerms(params, [[4, 64], [64], [64, 2], [2]], 1)
 */
export function meanFieldTerms(params: tf.Tensor1D, shapes: number[][], priorSigma: number): MeanFieldTerms {
  const p = shapes.reduce((a, s) => a + size(s), 0);
  if (params.rank !== 1 || params.size !== 2 * p || !(priorSigma > 0)) {
    throw new RangeError(`meanFieldTerms: params [${params.shape}] is not [mu; rho] for pieces totalling ${p}, or priorSigma ${priorSigma} is not positive`);
  }
  if (kernelAvailable(HEPUQ_MEAN_FIELD_TERMS, [params])) {
    const attrs: MeanFieldTermsAttrs = { shapes: shapes.map((s) => [...s]), priorSigma };
    const out = tf.engine().runKernel(HEPUQ_MEAN_FIELD_TERMS, { params }, attrs) as tf.Tensor[];
    const k = shapes.length;
    return { mu: out.slice(0, k), s2: out.slice(k, 2 * k), kl: out[2 * k] as tf.Scalar };
  }
  return tf.tidy((): MeanFieldTerms => {
    const [mu, rho] = tf.split(params, 2);
    const sigma = tf.softplus(rho);
    const s2 = tf.square(sigma);
    const kl = tf.add(tf.sub(tf.mul(tf.sum(tf.add(s2, tf.square(mu))), 0.5 / (priorSigma * priorSigma)), tf.sum(tf.log(sigma))), p * (Math.log(priorSigma) - 0.5)) as tf.Scalar;
    const pieces = (v: tf.Tensor) => tf.split(v, shapes.map(size)).map((t, i) => t.reshape(shapes[i]));
    return { mu: pieces(mu), s2: pieces(s2), kl };
  });
}
