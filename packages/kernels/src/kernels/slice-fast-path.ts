import * as tf from '@tensorflow/tfjs';
import type { WasmBackendLike } from '../wasm/wasm-heap.js';

type Heap = WasmBackendLike & { wasm: WasmBackendLike['wasm'] & { HEAPU8: Uint8Array } };

/**
 * A contiguous slice of x [shape] from `begin` with `size` as one copy inside the heap, or undefined
 * where tfjs's own kernel must run (not float32/int32, not contiguous). tfjs-backend-wasm 4.x's Slice
 * and SplitV first copy the WHOLE input out of the heap (`readSync`) for every piece: a flat parameter
 * vector split into L pieces is copied L times per step, which showed as ~10% of a small BNN's step.
 */
function heapSlice(backend: Heap, x: tf.TensorInfo, begin: number[], size: number[]): tf.TensorInfo | undefined {
  if ((x.dtype !== 'float32' && x.dtype !== 'int32') || !tf.slice_util.isSliceContinous(x.shape, begin, size)) return undefined;
  const offset = tf.slice_util.computeFlatOffset(begin, tf.util.computeStrides(x.shape));
  const out = backend.makeOutput(size, x.dtype);
  const from = backend.dataIdMap.get(x.dataId)!.memoryOffset + 4 * offset;
  const to = backend.dataIdMap.get(out.dataId)!.memoryOffset;
  backend.wasm.HEAPU8.copyWithin(to, from, from + 4 * tf.util.sizeFromShape(size));
  return out;
}

/** tfjs's wasm Slice and SplitV kernels with contiguous pieces copied inside the heap (the same bytes, no round trip). */
export function sliceFastPaths(): tf.KernelConfig[] {
  const slice = tf.getKernel('Slice', 'wasm');
  const splitV = tf.getKernel('SplitV', 'wasm');
  if (!slice || !splitV) return [];
  return [
    {
      ...slice,
      kernelFunc: (args) => {
        const x = (args.inputs as { x: tf.TensorInfo }).x;
        const { begin, size } = args.attrs as { begin: number | number[]; size?: number | number[] };
        const [b, s] = tf.slice_util.parseSliceParams(x, begin, size);
        return heapSlice(args.backend as unknown as Heap, x, b, s) ?? slice.kernelFunc(args);
      },
    },
    {
      ...splitV,
      kernelFunc: (args) => {
        const x = (args.inputs as { x: tf.TensorInfo }).x;
        const { numOrSizeSplits, axis } = args.attrs as { numOrSizeSplits: number | number[]; axis: number };
        const ax = tf.util.parseAxisParam(axis, x.shape)[0];
        const sizes = tf.backend_util.prepareSplitSize(x as tf.Tensor, numOrSizeSplits, ax);
        const pieces = sizes.map((n, i) => {
          const begin = x.shape.map(() => 0), size = [...x.shape];
          begin[ax] = sizes.slice(0, i).reduce((a, c) => a + c, 0);
          size[ax] = n;
          return { begin, size };
        });
        if ((x.dtype !== 'float32' && x.dtype !== 'int32') || !pieces.every((p) => tf.slice_util.isSliceContinous(x.shape, p.begin, p.size))) return splitV.kernelFunc(args);
        return pieces.map((p) => heapSlice(args.backend as unknown as Heap, x, p.begin, p.size)!);
      },
    },
  ];
}
