import * as tf from '@tensorflow/tfjs';

/** Whether `kernelName` runs on the active backend, for float32 inputs of non-zero size. */
export function kernelAvailable(kernelName: string, tensors: readonly tf.Tensor[]): boolean {
  return tf.getKernel(kernelName, tf.getBackend()) != null && tensors.every((t) => t.dtype === 'float32' && t.size > 0);
}
