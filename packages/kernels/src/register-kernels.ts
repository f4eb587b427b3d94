import * as tf from '@tensorflow/tfjs';
import { adamUpdateWasm } from './kernels/adam-update.kernel.js';
import { denseBackwardWasm } from './kernels/dense-backward.kernel.js';
import { denseBackwardStackedWasm, fusedDenseStackedGradient, fusedDenseStackedWasm } from './kernels/fused-dense-stacked.kernel.js';
import { fusedDenseGradient, fusedDenseWasm } from './kernels/fused-dense.kernel.js';
import { gaussianNllHeadGradient, gaussianNllHeadWasm } from './kernels/gaussian-nll-head.kernel.js';
import { gaussianNllGradient, gaussianNllWasm } from './kernels/gaussian-nll.kernel.js';
import { compileKernels, kernelsIn } from './wasm/kernel-module.js';
import { setKernelModule, type WasmBackendLike } from './wasm/wasm-heap.js';

const KERNELS: readonly tf.KernelConfig[] = [fusedDenseWasm, denseBackwardWasm, fusedDenseStackedWasm, denseBackwardStackedWasm, gaussianNllWasm, gaussianNllHeadWasm, adamUpdateWasm];
const GRADIENTS: readonly tf.GradConfig[] = [fusedDenseGradient, fusedDenseStackedGradient, gaussianNllGradient, gaussianNllHeadGradient];

export interface RegisterKernelsOptions {
  /** The compiled kernels' bytes, where the package's dist/hepuq-kernels.wasm cannot be read (bundlers). */
  wasm?: BufferSource;
}

/**
 * Register hepuq's fused kernels for tfjs's `wasm` backend when it is the active backend: compiles
 * dist/hepuq-kernels.wasm once and instantiates it against the backend's own memory. Returns whether
 * the kernels are registered; on any other backend, the threaded wasm build (its memory is shared)
 * or an engine without WebAssembly SIMD nothing is registered and the ops run as plain tfjs ops.
 * Call after the backend is ready.
 * @example await selectBackend(); await registerHepuqKernels();
 */
export async function registerHepuqKernels(options: RegisterKernelsOptions = {}): Promise<boolean> {
  if (tf.getBackend() !== 'wasm') return false;
  const backend = tf.backend() as unknown as WasmBackendLike;
  const memory = backend.wasm?.asm?.memory;
  if (!(memory instanceof WebAssembly.Memory) || !(memory.buffer instanceof ArrayBuffer)) return false;
  if (!(await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT'))) return false; // the kernels are SIMD code
  const module = await compileKernels(options.wasm);
  kernelsIn(module, memory); // instantiate now, so an incompatible memory fails here and not inside a kernel
  setKernelModule(module);
  for (const kernel of KERNELS) if (!tf.getKernel(kernel.kernelName, kernel.backendName)) tf.registerKernel(kernel);
  for (const gradient of GRADIENTS) if (!tf.getGradient(gradient.kernelName)) tf.registerGradient(gradient);
  return true;
}

/**
 * Whether the fused kernels run on the active backend (for a run record or a log line).
 * @example log(`fused kernels: ${hepuqKernelsActive() ? 'wasm' : 'plain tfjs ops'}`)
 */
export function hepuqKernelsActive(): boolean {
  return tf.getKernel(fusedDenseWasm.kernelName, tf.getBackend()) != null;
}
