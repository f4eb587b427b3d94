import * as tf from '@tensorflow/tfjs';

let registered = false;

/**
 * The wasm Identity kernel copies its input into a new buffer, and tfjs runs it for every tensor a
 * gradient saves (`clone` on the tape: ~25 per training step of a 4-layer MLP). Re-register it to
 * share the input's buffer with one more reference instead, as the cpu backend's Identity and the
 * wasm backend's own Reshape do: tensors are immutable and every kernel writes only its outputs.
 */
export function registerWasmSharedIdentity(): void {
  if (registered) return;
  const original = tf.getKernel(tf.Identity, 'wasm');
  if (!original) return;
  tf.unregisterKernel(tf.Identity, 'wasm');
  tf.registerKernel({
    ...original,
    kernelFunc: (args) => {
      const { x } = args.inputs as { x: tf.TensorInfo };
      if (x.dtype === 'string') return original.kernelFunc(args);
      (args.backend as unknown as { incRef(dataId: object): void }).incRef(x.dataId);
      return { dataId: x.dataId, shape: x.shape, dtype: x.dtype };
    },
  });
  registered = true;
}
