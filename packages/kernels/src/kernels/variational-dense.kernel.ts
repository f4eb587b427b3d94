import * as tf from '@tensorflow/tfjs';
import { ACTIVATION_CODES, applyActivation, assertActivation, type Activation } from '../activation.js';
import type { PhiloxStream } from '../random/philox.js';
import { WasmHeap, type WasmBackendLike } from '../wasm/wasm-heap.js';
import { kernelAvailable } from './kernel-available.js';
import { philoxNormal, streamAttrs } from './philox-normal.kernel.js';

export const HEPUQ_VARIATIONAL_DENSE = 'HepuqVariationalDense';
export const HEPUQ_VARIATIONAL_DENSE_BACKWARD = 'HepuqVariationalDenseBackward';

export interface VariationalDenseAttrs extends tf.NamedAttrMap {
  key0: number;
  key1: number;
  stream: number;
  substream: number;
  activation: Activation;
  /** Whether dL/dh is computed (false: h counts as a constant, its gradient is zero). */
  inputGrad: boolean;
}

export interface VariationalDenseOptions {
  activation?: Activation;
  /**
   * Differentiate in h (default true). False treats h as a constant (data, or an input the caller
   * deliberately does not backpropagate into): its gradient is zero and the backward pass skips it.
   */
  inputGrad?: boolean;
}

type Inputs = Record<'h' | 'wMu' | 'bMu' | 'wS2' | 'bS2', tf.TensorInfo>;

/**
 * Forward in one wasm call, eps drawn inside from the attrs' Philox stream. Inputs {h, wMu, bMu, wS2,
 * bS2}; outputs [a, c] with c = eps / (2 sqrt v) = dz/dv, kept for the backward pass instead of eps.
 */
export const variationalDenseWasm: tf.KernelConfig = {
  kernelName: HEPUQ_VARIATIONAL_DENSE,
  backendName: 'wasm',
  kernelFunc: ({ inputs, backend, attrs }) => {
    const { h, wMu, bMu, wS2, bS2 } = inputs as Inputs;
    const { activation, key0, key1, stream, substream } = attrs as VariationalDenseAttrs;
    const [n, k] = h.shape;
    const m = wMu.shape[1];
    const heap = new WasmHeap(backend as unknown as WasmBackendLike);
    const a = heap.output([n, m]), c = heap.output([n, m]);
    try {
      const scratch = heap.scratch(heap.kernels.variationalForwardScratch(n, k, m));
      heap.kernels.variationalForward(heap.ptr(h), heap.ptr(wMu), heap.ptr(bMu), heap.ptr(wS2), heap.ptr(bS2), a.ptr, c.ptr, n, k, m, ACTIVATION_CODES[activation], key0, key1, stream, substream, scratch);
    } finally {
      heap.release();
    }
    return [a.info, c.info];
  },
};

/** dh (unless `inputGrad` is false), dW_mu, db_mu, dS, ds in one wasm call. Inputs {da, h, wMu, wS2, a, c}. */
export const variationalDenseBackwardWasm: tf.KernelConfig = {
  kernelName: HEPUQ_VARIATIONAL_DENSE_BACKWARD,
  backendName: 'wasm',
  kernelFunc: ({ inputs, backend, attrs }) => {
    const { da, h, wMu, wS2, a, c } = inputs as Record<'da' | 'h' | 'wMu' | 'wS2' | 'a' | 'c', tf.TensorInfo>;
    const { activation, inputGrad } = attrs as Pick<VariationalDenseAttrs, 'activation' | 'inputGrad'>;
    const [n, k] = h.shape;
    const m = wMu.shape[1];
    const heap = new WasmHeap(backend as unknown as WasmBackendLike);
    const dh = inputGrad ? heap.output([n, k]) : undefined;
    const dwMu = heap.output([k, m]), dbMu = heap.output([m]), dwS = heap.output([k, m]), dbS = heap.output([m]);
    try {
      const scratch = heap.scratch(heap.kernels.variationalBackwardScratch(n, k, m));
      heap.kernels.variationalBackward(heap.ptr(h), heap.ptr(wMu), heap.ptr(wS2), heap.ptr(a), heap.ptr(c), heap.ptr(da), dh?.ptr ?? 0, dwMu.ptr, dbMu.ptr, dwS.ptr, dbS.ptr, n, k, m, ACTIVATION_CODES[activation], scratch);
    } finally {
      heap.release();
    }
    return [...(dh ? [dh.info] : []), dwMu.info, dbMu.info, dwS.info, dbS.info];
  },
};

export const variationalDenseGradient: tf.GradConfig = {
  kernelName: HEPUQ_VARIATIONAL_DENSE,
  inputsToSave: ['h', 'wMu', 'wS2'],
  outputsToSave: [true, true],
  gradFunc: (dys, saved, attrs) => {
    // dys: [dL/da, dL/dc]; c is internal to the op (its dL/dc is tfjs's zeros)
    const da = (Array.isArray(dys) ? dys[0] : dys) as tf.Tensor2D;
    const [h, wMu, wS2, a, c] = saved as tf.Tensor2D[];
    const { activation, inputGrad } = attrs as VariationalDenseAttrs;
    const outs = tf.engine().runKernel(HEPUQ_VARIATIONAL_DENSE_BACKWARD, { da, h, wMu, wS2, a, c }, { activation, inputGrad }) as tf.Tensor[];
    const [dwMu, dbMu, dwS2, dbS2] = inputGrad ? outs.slice(1) : outs;
    return { h: () => (inputGrad ? outs[0] : tf.zerosLike(h)), wMu: () => dwMu, bMu: () => dbMu, wS2: () => dwS2, bS2: () => dbS2 };
  },
};

/**
 * A mean-field Gaussian dense layer with local reparameterisation (Kingma, Salimans, Welling
 * 1506.02557, eq. 6): a = act(h W_mu + b_mu + sqrt(h^2 S + s) eps) with S, s the weights' and biases'
 * variances sigma^2 and eps ~ N(0, 1) per row and unit, the draws of `stream` (`philoxNormal` of
 * shape [n, m]), generated inside the kernel. Differentiable in W_mu, b_mu, S, s (and h unless
 * `inputGrad: false`, which treats h as a constant). One wasm call forward and one backward where `registerHepuqKernels` registered
 * them; elsewhere plain tfjs ops on the same eps, so a stream gives the same layer on every backend.
 * @example const a = variationalDense(x, wMu, bMu, wS2, bS2, { key0: seed, key1: 0, stream: layer }, { activation: 'relu', inputGrad: false })
 */
export function variationalDense(
  h: tf.Tensor2D, wMu: tf.Tensor2D, bMu: tf.Tensor1D, wS2: tf.Tensor2D, bS2: tf.Tensor1D, stream: PhiloxStream, options: VariationalDenseOptions = {},
): tf.Tensor2D {
  const activation = options.activation ?? 'linear';
  const inputGrad = options.inputGrad ?? true;
  assertActivation(activation, 'variationalDense');
  const [n, k] = h.shape;
  const m = wMu.shape[1];
  if (h.rank !== 2 || wMu.rank !== 2 || wMu.shape[0] !== k || bMu.size !== m || bMu.rank !== 1 || !tf.util.arraysEqual(wS2.shape, wMu.shape) || bS2.rank !== 1 || bS2.size !== m) {
    throw new RangeError(`variationalDense: h [${h.shape}], wMu [${wMu.shape}], bMu [${bMu.shape}], wS2 [${wS2.shape}] and bS2 [${bS2.shape}] do not fit a = act(h wMu + bMu + sqrt(h^2 wS2 + bS2) eps)`);
  }
  if (kernelAvailable(HEPUQ_VARIATIONAL_DENSE, [h, wMu, bMu, wS2, bS2])) {
    const attrs: VariationalDenseAttrs = { activation, inputGrad, ...streamAttrs(stream) };
    const [a, c] = tf.engine().runKernel(HEPUQ_VARIATIONAL_DENSE, { h, wMu, bMu, wS2, bS2 }, attrs) as tf.Tensor2D[];
    c.dispose(); // the gradient keeps its own reference
    return a;
  }
  return tf.tidy(() => {
    const eps = philoxNormal([n, m], stream);
    if (!inputGrad) h = constant(h);
    const mean = tf.add(tf.matMul(h, wMu), bMu);
    const sd = tf.sqrt(tf.add(tf.matMul(tf.square(h), wS2), bS2));
    return applyActivation(tf.add(mean, tf.mul(sd, eps)), activation) as tf.Tensor2D;
  });
}

/** x with a zero gradient (tfjs has no stopGradient). */
function constant(x: tf.Tensor2D): tf.Tensor2D {
  return tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => ({ value: (args[0] as tf.Tensor).clone(), gradFunc: (dy: tf.Tensor) => tf.zerosLike(dy) }))(x) as tf.Tensor2D;
}
