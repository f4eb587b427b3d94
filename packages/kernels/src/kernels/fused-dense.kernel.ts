import * as tf from '@tensorflow/tfjs';
import { ACTIVATION_CODES, applyActivation, assertActivation, type Activation } from '../activation.js';
import { WasmHeap, type WasmBackendLike } from '../wasm/wasm-heap.js';
import { denseBackward } from './dense-backward.kernel.js';
import { kernelAvailable } from './kernel-available.js';

export const HEPUQ_FUSED_DENSE = 'HepuqFusedDense';

export interface FusedDenseAttrs extends tf.NamedAttrMap {
  activation: Activation;
}

/** y = act(x W + b) in one wasm call: f32x4 SIMD matmul (4x8 register tiles), bias and activation. Inputs {x, w, b}. */
export const fusedDenseWasm: tf.KernelConfig = {
  kernelName: HEPUQ_FUSED_DENSE,
  backendName: 'wasm',
  kernelFunc: ({ inputs, backend, attrs }) => {
    const { x, w, b } = inputs as Record<'x' | 'w' | 'b', tf.TensorInfo>;
    const [n, k] = x.shape;
    const m = w.shape[1];
    const heap = new WasmHeap(backend as unknown as WasmBackendLike);
    const y = heap.output([n, m]);
    heap.kernels.denseForward(heap.ptr(x), heap.ptr(w), heap.ptr(b), y.ptr, n, k, m, ACTIVATION_CODES[(attrs as FusedDenseAttrs).activation]);
    return y.info;
  },
};

/** dx, dW, db of `HepuqFusedDense` from its output y, all three from one `HepuqDenseBackward` call. */
export const fusedDenseGradient: tf.GradConfig = {
  kernelName: HEPUQ_FUSED_DENSE,
  inputsToSave: ['x', 'w'],
  outputsToSave: [true],
  gradFunc: (dy, saved, attrs) => {
    const [x, w, y] = saved as tf.Tensor2D[];
    const grads = denseBackward(dy as tf.Tensor2D, x, w, y, (attrs as FusedDenseAttrs).activation);
    return { x: () => grads.dx, w: () => grads.dw, b: () => grads.db };
  },
};

/**
 * Dense layer y = act(x W + b), x [n, k], W [k, m], b [m]: one fused wasm kernel (and one for its
 * whole backward pass) where `registerHepuqKernels` registered them, plain tfjs ops elsewhere
 * (tfjs's `fused.matMul` for linear and relu, the only activations its gradient supports).
 * @example const h = fusedDense(x, w0, b0, 'relu')
 */
export function fusedDense(x: tf.Tensor2D, w: tf.Tensor2D, b: tf.Tensor1D, activation: Activation = 'linear'): tf.Tensor2D {
  assertActivation(activation, 'fusedDense');
  if (x.rank !== 2 || w.rank !== 2 || b.rank !== 1 || x.shape[1] !== w.shape[0] || b.size !== w.shape[1]) {
    throw new RangeError(`fusedDense: x [${x.shape}], w [${w.shape}] and b [${b.shape}] do not fit y = act(x w + b)`);
  }
  if (kernelAvailable(HEPUQ_FUSED_DENSE, [x, w, b])) {
    const attrs: FusedDenseAttrs = { activation };
    return tf.engine().runKernel(HEPUQ_FUSED_DENSE, { x, w, b }, attrs) as tf.Tensor2D;
  }
  // tfjs's own fused matmul where its gradient exists (linear, relu: one kernel on tfjs-node), else plain ops
  if (activation === 'linear' || activation === 'relu') return tf.fused.matMul({ a: x, b: w, bias: b, activation }) as tf.Tensor2D;
  return tf.tidy(() => applyActivation(tf.add(tf.matMul(x, w), b), activation) as tf.Tensor2D);
}
