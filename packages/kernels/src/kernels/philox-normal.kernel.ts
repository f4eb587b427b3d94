import * as tf from '@tensorflow/tfjs';
import { philoxNormals, type PhiloxStream } from '../random/philox.js';
import { WasmHeap, type WasmBackendLike } from '../wasm/wasm-heap.js';

export const HEPUQ_PHILOX_NORMAL = 'HepuqPhiloxNormal';

export interface PhiloxNormalAttrs extends tf.NamedAttrMap {
  shape: number[];
  key0: number;
  key1: number;
  stream: number;
  substream: number;
}

/** N(0, 1) draws of a Philox stream written straight into a new tensor. No inputs. */
export const philoxNormalWasm: tf.KernelConfig = {
  kernelName: HEPUQ_PHILOX_NORMAL,
  backendName: 'wasm',
  kernelFunc: ({ backend, attrs }) => {
    const { shape, key0, key1, stream, substream } = attrs as PhiloxNormalAttrs;
    const heap = new WasmHeap(backend as unknown as WasmBackendLike);
    const out = heap.output(shape);
    try {
      heap.kernels.philoxNormal(out.ptr, shape.reduce((a, b) => a * b, 1), key0, key1, stream, substream, heap.scratch(32));
    } finally {
      heap.release();
    }
    return out.info;
  },
};

/** The attributes of a stream (uint32 words, missing counter words 0). */
export function streamAttrs(s: PhiloxStream): Pick<PhiloxNormalAttrs, 'key0' | 'key1' | 'stream' | 'substream'> {
  return { key0: s.key0 >>> 0, key1: s.key1 >>> 0, stream: (s.stream ?? 0) >>> 0, substream: (s.substream ?? 0) >>> 0 };
}

/**
 * A float32 tensor of N(0, 1) draws, element j (row-major) = draw j of `stream` (Philox4x32-10 and
 * Box-Muller, see `philoxNormals`): generated on the wasm heap in one call where the kernels are
 * registered, by the same generator in TypeScript elsewhere; the same numbers on every backend.
 * @example const eps = philoxNormal([256, 64], { key0: 7, key1: 0, stream: 2 })
 */
export function philoxNormal(shape: number[], stream: PhiloxStream): tf.Tensor {
  const size = shape.reduce((a, b) => a * b, 1);
  if (size > 0 && tf.getKernel(HEPUQ_PHILOX_NORMAL, tf.getBackend()) != null) {
    const attrs: PhiloxNormalAttrs = { shape: [...shape], ...streamAttrs(stream) };
    return tf.engine().runKernel(HEPUQ_PHILOX_NORMAL, {}, attrs) as tf.Tensor;
  }
  return tf.tensor(philoxNormals(size, stream), shape);
}
