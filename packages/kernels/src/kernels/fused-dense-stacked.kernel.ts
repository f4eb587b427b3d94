import * as tf from '@tensorflow/tfjs';
import { ACTIVATION_CODES, activationSlope, applyActivation, assertActivation, type Activation } from '../activation.js';
import { WasmHeap, type WasmBackendLike } from '../wasm/wasm-heap.js';
import { kernelAvailable } from './kernel-available.js';

export const HEPUQ_FUSED_DENSE_STACKED = 'HepuqFusedDenseStacked';
export const HEPUQ_DENSE_BACKWARD_STACKED = 'HepuqDenseBackwardStacked';

export interface FusedDenseStackedAttrs extends tf.NamedAttrMap {
  activation: Activation;
}

/** Shapes [members, xMembers, n, k, m] of x [xMembers, n, k] and w [members, k, m]. */
function dims(x: tf.TensorInfo, w: tf.TensorInfo): [number, number, number, number, number] {
  return [w.shape[0], x.shape[0], x.shape[1], x.shape[2], w.shape[2]];
}

/** y[e] = act(x[e] W[e] + b[e]) for every member e in one wasm call. Inputs {x, w, b}. */
export const fusedDenseStackedWasm: tf.KernelConfig = {
  kernelName: HEPUQ_FUSED_DENSE_STACKED,
  backendName: 'wasm',
  kernelFunc: ({ inputs, backend, attrs }) => {
    const { x, w, b } = inputs as Record<'x' | 'w' | 'b', tf.TensorInfo>;
    const [members, xMembers, n, k, m] = dims(x, w);
    const heap = new WasmHeap(backend as unknown as WasmBackendLike);
    const y = heap.output([members, n, m]);
    const act = ACTIVATION_CODES[(attrs as FusedDenseStackedAttrs).activation];
    heap.kernels.denseForwardStacked(heap.ptr(x), heap.ptr(w), heap.ptr(b), y.ptr, members, xMembers === 1 && members > 1 ? 1 : 0, n, k, m, act);
    return y.info;
  },
};

/** dx (summed over members for a shared x), dW, db of every member in one wasm call. Inputs {dy, x, w, y}. */
export const denseBackwardStackedWasm: tf.KernelConfig = {
  kernelName: HEPUQ_DENSE_BACKWARD_STACKED,
  backendName: 'wasm',
  kernelFunc: ({ inputs, backend, attrs }) => {
    const { dy, x, w, y } = inputs as Record<'dy' | 'x' | 'w' | 'y', tf.TensorInfo>;
    const [members, xMembers, n, k, m] = dims(x, w);
    const shared = xMembers === 1 && members > 1 ? 1 : 0;
    const act = ACTIVATION_CODES[(attrs as FusedDenseStackedAttrs).activation];
    const heap = new WasmHeap(backend as unknown as WasmBackendLike);
    const dx = heap.output([xMembers, n, k]), dw = heap.output([members, k, m]), db = heap.output([members, m]);
    try {
      const scratch = heap.scratch(heap.kernels.denseBackwardStackedScratch(shared, n, k, m, act));
      heap.kernels.denseBackwardStacked(heap.ptr(x), heap.ptr(w), heap.ptr(y), heap.ptr(dy), dx.ptr, dw.ptr, db.ptr, members, shared, n, k, m, act, scratch);
    } finally {
      heap.release();
    }
    return [dx.info, dw.info, db.info];
  },
};

export const fusedDenseStackedGradient: tf.GradConfig = {
  kernelName: HEPUQ_FUSED_DENSE_STACKED,
  inputsToSave: ['x', 'w'],
  outputsToSave: [true],
  gradFunc: (dy, saved, attrs) => {
    const [x, w, y] = saved as tf.Tensor3D[];
    const grads = denseBackwardStacked(dy as tf.Tensor3D, x, w, y, (attrs as FusedDenseStackedAttrs).activation);
    return { x: () => grads.dx, w: () => grads.dw, b: () => grads.db };
  },
};

function checkShapes(op: string, x: tf.Tensor, w: tf.Tensor, bSize: number): void {
  const [members, k, m] = w.shape;
  if (x.rank !== 3 || w.rank !== 3 || (x.shape[0] !== members && x.shape[0] !== 1) || x.shape[2] !== k || bSize !== members * m) {
    throw new RangeError(`${op}: x [${x.shape}], w [${w.shape}] and ${bSize} bias values do not fit member-stacked layers (x [members or 1, n, k], w [members, k, m], b [members, m])`);
  }
}

/**
 * Member-stacked dense layers for ensembles trained as one network: y[e] = act(x[e] W[e] + b[e]),
 * x [members or 1, n, k] (1: the same input for every member), W [members, k, m], b [members, m];
 * y [members, n, m]. One wasm kernel forward and one backward; plain tfjs ops elsewhere.
 * @example const h = fusedDenseStacked(x, w0, b0, 'relu') // x [1, B, in], w0 [M, in, 64] -> [M, B, 64]
 */
export function fusedDenseStacked(x: tf.Tensor3D, w: tf.Tensor3D, b: tf.Tensor2D, activation: Activation = 'linear'): tf.Tensor3D {
  assertActivation(activation, 'fusedDenseStacked');
  checkShapes('fusedDenseStacked', x, w, b.rank === 2 ? b.size : -1);
  if (kernelAvailable(HEPUQ_FUSED_DENSE_STACKED, [x, w, b])) {
    const attrs: FusedDenseStackedAttrs = { activation };
    return tf.engine().runKernel(HEPUQ_FUSED_DENSE_STACKED, { x, w, b }, attrs) as tf.Tensor3D;
  }
  // a shared x is tiled, not broadcast: tfjs's BatchMatMul gradient does not sum over a broadcast batch axis
  return tf.tidy(() => applyActivation(tf.add(tf.matMul(tileMembers(x, w.shape[0]), w), tf.expandDims(b, 1)), activation) as tf.Tensor3D);
}

function tileMembers(x: tf.Tensor3D, members: number): tf.Tensor3D {
  return x.shape[0] === 1 && members > 1 ? tf.tile(x, [members, 1, 1]) : x;
}

// a type, not an interface: tf.tidy returns it (a TensorContainer needs the implicit index signature)
export type DenseStackedGrads = {
  dx: tf.Tensor3D;
  dw: tf.Tensor3D;
  db: tf.Tensor2D;
};

/**
 * Gradients of `fusedDenseStacked` from dy [members, n, m] and its output y: dx [members or 1, n, k]
 * (summed over members for a shared x), dW [members, k, m], db [members, m].
 * @example const { dx, dw, db } = denseBackwardStacked(dy, x, w, y, 'relu')
 */
export function denseBackwardStacked(dy: tf.Tensor3D, x: tf.Tensor3D, w: tf.Tensor3D, y: tf.Tensor3D, activation: Activation = 'linear'): DenseStackedGrads {
  assertActivation(activation, 'denseBackwardStacked');
  checkShapes('denseBackwardStacked', x, w, w.shape[0] * w.shape[2]);
  if (kernelAvailable(HEPUQ_DENSE_BACKWARD_STACKED, [dy, x, w, y])) {
    const attrs: FusedDenseStackedAttrs = { activation };
    const [dx, dw, db] = tf.engine().runKernel(HEPUQ_DENSE_BACKWARD_STACKED, { dy, x, w, y }, attrs) as tf.Tensor[];
    return { dx: dx as tf.Tensor3D, dw: dw as tf.Tensor3D, db: db as tf.Tensor2D };
  }
  return tf.tidy((): DenseStackedGrads => {
    const dz: tf.Tensor3D = activation === 'linear' ? dy : tf.mul(dy, activationSlope(y, activation));
    const dx = tf.matMul(dz, w, false, true) as tf.Tensor3D;
    return {
      dx: x.shape[0] === 1 && dz.shape[0] > 1 ? (tf.sum(dx, 0, true) as tf.Tensor3D) : dx,
      dw: tf.matMul(x, dz, true, false) as tf.Tensor3D,
      db: tf.sum(dz, 1) as tf.Tensor2D,
    };
  });
}
