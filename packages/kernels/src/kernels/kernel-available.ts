import * as tf from '@tensorflow/tfjs';

let autoRegister: (() => void) | undefined;

/**
 * What the first kernel op on the wasm backend runs to register the kernels by itself (set by
 * register-kernels.ts: in Node it compiles the module synchronously), so that no caller has to.
 */
export function setAutoRegister(register: () => void): void {
  autoRegister = register;
}

/** Whether `kernelName` runs on the active backend, for float32 inputs of non-zero size. */
export function kernelAvailable(kernelName: string, tensors: readonly tf.Tensor[]): boolean {
  if (autoRegister && tf.getBackend() === 'wasm') {
    const register = autoRegister;
    autoRegister = undefined; // once per process, whatever it finds
    register();
  }
  return tf.getKernel(kernelName, tf.getBackend()) != null && tensors.every((t) => t.dtype === 'float32' && t.size > 0);
}
