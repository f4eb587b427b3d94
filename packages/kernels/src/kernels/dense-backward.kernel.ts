import * as tf from '@tensorflow/tfjs';
import { ACTIVATION_CODES, activationSlope, assertActivation, type Activation } from '../activation.js';
import { WasmHeap, type WasmBackendLike } from '../wasm/wasm-heap.js';
import { kernelAvailable } from './kernel-available.js';

export const HEPUQ_DENSE_BACKWARD = 'HepuqDenseBackward';

export interface DenseBackwardAttrs extends tf.NamedAttrMap {
  activation: Activation;
}

// a type, not an interface: tf.tidy returns it (a TensorContainer needs the implicit index signature)
export type DenseGrads = {
  dx: tf.Tensor2D;
  dw: tf.Tensor2D;
  db: tf.Tensor1D;
};

/** dz = dy act'(z) (from y), dx = dz W^T, dW = x^T dz, db = sum_i dz in one wasm call. Inputs {dy, x, w, y}. */
export const denseBackwardWasm: tf.KernelConfig = {
  kernelName: HEPUQ_DENSE_BACKWARD,
  backendName: 'wasm',
  kernelFunc: ({ inputs, backend, attrs }) => {
    const { dy, x, w, y } = inputs as Record<'dy' | 'x' | 'w' | 'y', tf.TensorInfo>;
    const act = ACTIVATION_CODES[(attrs as DenseBackwardAttrs).activation];
    const [n, k] = x.shape;
    const m = w.shape[1];
    const heap = new WasmHeap(backend as unknown as WasmBackendLike);
    const dx = heap.output([n, k]), dw = heap.output([k, m]), db = heap.output([m]);
    try {
      const scratch = heap.scratch(heap.kernels.denseBackwardScratch(n, k, m, act));
      heap.kernels.denseBackward(heap.ptr(x), heap.ptr(w), heap.ptr(y), heap.ptr(dy), dx.ptr, dw.ptr, db.ptr, n, k, m, act, scratch);
    } finally {
      heap.release();
    }
    return [dx.info, dw.info, db.info];
  },
};

/**
 * The gradients of y = act(x W + b) from dy = dL/dy and the forward output y: one wasm kernel call
 * where `registerHepuqKernels` registered it, plain tfjs ops elsewhere.
 * @example const { dx, dw, db } = denseBackward(dy, x, w, y, 'relu')
 */
export function denseBackward(dy: tf.Tensor2D, x: tf.Tensor2D, w: tf.Tensor2D, y: tf.Tensor2D, activation: Activation = 'linear'): DenseGrads {
  assertActivation(activation, 'denseBackward');
  const [n, k] = x.shape;
  const m = w.shape[1];
  if (w.shape[0] !== k || y.shape[0] !== n || y.shape[1] !== m || dy.shape[0] !== n || dy.shape[1] !== m) {
    throw new RangeError(`denseBackward: shapes x [${x.shape}], w [${w.shape}], y [${y.shape}], dy [${dy.shape}] do not fit y = act(x w + b)`);
  }
  if (kernelAvailable(HEPUQ_DENSE_BACKWARD, [dy, x, w, y])) {
    const attrs: DenseBackwardAttrs = { activation };
    const [dx, dw, db] = tf.engine().runKernel(HEPUQ_DENSE_BACKWARD, { dy, x, w, y }, attrs) as tf.Tensor[];
    return { dx: dx as tf.Tensor2D, dw: dw as tf.Tensor2D, db: db as tf.Tensor1D };
  }
  return tf.tidy((): DenseGrads => {
    const dz: tf.Tensor2D = activation === 'linear' ? dy : tf.mul(dy, activationSlope(y, activation));
    return {
      dx: tf.matMul(dz, w, false, true),
      dw: tf.matMul(x, dz, true, false),
      db: tf.sum(dz, 0) as tf.Tensor1D,
    };
  });
}
