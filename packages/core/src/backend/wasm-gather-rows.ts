import * as tf from '@tensorflow/tfjs';

interface WasmBackendData {
  dataIdMap: { get(dataId: object): { memoryOffset: number } };
  makeOutput(shape: number[], dtype: tf.DataType): tf.TensorInfo;
  typedArrayFromHeap(info: tf.TensorInfo): Int32Array | Float32Array;
  wasm: { HEAPU8: Uint8Array };
}

let registered = false;

/**
 * The wasm GatherV2 kernel computes every output element's address separately: gathering a batch
 * of 256 rows of 20 features took 150 us here, a sixth of a whole training step. Re-register it so
 * that gathering along the first axis (the minibatch case) copies whole rows with one memmove each
 * (`copyWithin` on the heap); other axes, batch dimensions and dtypes run the original kernel.
 * Out-of-range indices are refused with the original kernel's message.
 */
export function registerWasmGatherRows(): void {
  if (registered) return;
  const original = tf.getKernel(tf.GatherV2, 'wasm');
  if (!original) return;
  tf.unregisterKernel(tf.GatherV2, 'wasm');
  tf.registerKernel({
    ...original,
    kernelFunc: (args) => {
      const { x, indices } = args.inputs as { x: tf.TensorInfo; indices: tf.TensorInfo };
      const { axis, batchDims } = args.attrs as { axis: number; batchDims: number };
      const rows = x.shape[0] ?? 0;
      const firstAxis = (axis === 0 || axis === -x.shape.length) && !batchDims;
      if (!firstAxis || (x.dtype !== 'float32' && x.dtype !== 'int32') || indices.dtype !== 'int32' || rows === 0) return original.kernelFunc(args);
      const backend = args.backend as unknown as WasmBackendData;
      const index = backend.typedArrayFromHeap(indices) as Int32Array;
      for (const i of index) tf.util.assert(i >= 0 && i < rows, () => `GatherV2: the index value ${i} is not in [0, ${rows - 1}]`);
      const slice = tf.util.sizeFromShape(x.shape.slice(1));
      const out = backend.makeOutput([...indices.shape, ...x.shape.slice(1)], x.dtype);
      // views after makeOutput: allocating may have grown (replaced) the heap's buffer
      const heap = new Int32Array(backend.wasm.HEAPU8.buffer);
      const from = backend.dataIdMap.get(x.dataId).memoryOffset >> 2;
      const to = backend.dataIdMap.get(out.dataId).memoryOffset >> 2;
      const idx = backend.typedArrayFromHeap(indices) as Int32Array;
      if (slice === 1) for (let r = 0; r < idx.length; r++) heap[to + r] = heap[from + idx[r]];
      else for (let r = 0; r < idx.length; r++) heap.copyWithin(to + r * slice, from + idx[r] * slice, from + (idx[r] + 1) * slice);
      return out;
    },
  });
  registered = true;
}
