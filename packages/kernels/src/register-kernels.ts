import * as tf from '@tensorflow/tfjs';
import { adamUpdateWasm } from './kernels/adam-update.kernel.js';
import { denseBackwardWasm } from './kernels/dense-backward.kernel.js';
import { denseBackwardStackedWasm, fusedDenseStackedGradient, fusedDenseStackedWasm } from './kernels/fused-dense-stacked.kernel.js';
import { fusedDenseGradient, fusedDenseWasm } from './kernels/fused-dense.kernel.js';
import { gaussianNllHeadGradient, gaussianNllHeadWasm } from './kernels/gaussian-nll-head.kernel.js';
import { gaussianNllGradient, gaussianNllWasm } from './kernels/gaussian-nll.kernel.js';
import { meanFieldTermsBackwardWasm, meanFieldTermsGradient, meanFieldTermsWasm } from './kernels/mean-field-terms.kernel.js';
import { philoxNormalWasm } from './kernels/philox-normal.kernel.js';
import { variationalDenseBackwardWasm, variationalDenseGradient, variationalDenseWasm } from './kernels/variational-dense.kernel.js';
import { sliceFastPaths } from './kernels/slice-fast-path.js';
import { kernelAvailable, setAutoRegister } from './kernels/kernel-available.js';
import { compileKernels, compileKernelsSync, kernelsIn } from './wasm/kernel-module.js';
import { setKernelModule, type WasmBackendLike } from './wasm/wasm-heap.js';

const KERNELS: readonly tf.KernelConfig[] = [fusedDenseWasm, denseBackwardWasm, fusedDenseStackedWasm, denseBackwardStackedWasm, gaussianNllWasm, gaussianNllHeadWasm, adamUpdateWasm, philoxNormalWasm, variationalDenseWasm, variationalDenseBackwardWasm, meanFieldTermsWasm, meanFieldTermsBackwardWasm];
const GRADIENTS: readonly tf.GradConfig[] = [fusedDenseGradient, fusedDenseStackedGradient, gaussianNllGradient, gaussianNllHeadGradient, variationalDenseGradient, meanFieldTermsGradient];

let slicesReplaced = false;

export interface RegisterKernelsOptions {
  /** The compiled kernels' bytes, where the package's dist/hepuq-kernels.wasm cannot be read (bundlers). */
  wasm?: BufferSource;
}

/**
 * Register hepuq's fused kernels for tfjs's `wasm` backend when it is the active backend: compiles
 * dist/hepuq-kernels.wasm once and instantiates it against the backend's own memory. Returns whether
 * the kernels are registered; on any other backend, the threaded wasm build (its memory is shared)
 * or an engine without WebAssembly SIMD nothing is registered and the ops run as plain tfjs ops.
 * Also replaces tfjs's wasm Slice and SplitV by ones that copy contiguous pieces inside the heap
 * (`slice-fast-path.ts`; the same results without copying the whole input out for every piece).
 * Call after the backend is ready.
 * @example await selectBackend(); await registerHepuqKernels();
 */
export async function registerHepuqKernels(options: RegisterKernelsOptions = {}): Promise<boolean> {
  const memory = wasmMemory();
  if (!memory) return false;
  if (!(await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT'))) return false; // the kernels are SIMD code
  return install(await compileKernels(options.wasm), memory);
}

/**
 * `registerHepuqKernels` without awaiting: compiles the module synchronously (Node only, see
 * `compileKernelsSync`). The first kernel op on the wasm backend calls it by itself, so code that
 * never calls `registerHepuqKernels` (a worker thread, a test) still runs the fused kernels.
 * Returns false, registering nothing, wherever the async version would, or where the module cannot
 * be compiled synchronously (an engine without SIMD, a browser).
 * @example await selectBackend(); registerHepuqKernelsSync();
 */
export function registerHepuqKernelsSync(): boolean {
  const memory = wasmMemory();
  if (!memory) return false;
  try {
    const module = compileKernelsSync();
    return module ? install(module, memory) : false;
  } catch {
    return false; // no SIMD: the module does not compile, and the ops stay plain tfjs ops
  }
}

setAutoRegister(() => {
  registerHepuqKernelsSync();
});

/** The wasm backend's own (non-shared) memory, when wasm is the active backend. */
function wasmMemory(): WebAssembly.Memory | undefined {
  if (tf.getBackend() !== 'wasm') return undefined;
  const memory = (tf.backend() as unknown as WasmBackendLike).wasm?.asm?.memory;
  return memory instanceof WebAssembly.Memory && memory.buffer instanceof ArrayBuffer ? memory : undefined;
}

function install(module: WebAssembly.Module, memory: WebAssembly.Memory): boolean {
  kernelsIn(module, memory); // instantiate now, so an incompatible memory fails here and not inside a kernel
  setKernelModule(module);
  for (const kernel of KERNELS) if (!tf.getKernel(kernel.kernelName, kernel.backendName)) tf.registerKernel(kernel);
  for (const gradient of GRADIENTS) if (!tf.getGradient(gradient.kernelName)) tf.registerGradient(gradient);
  if (!slicesReplaced) {
    for (const kernel of sliceFastPaths()) {
      tf.unregisterKernel(kernel.kernelName, 'wasm');
      tf.registerKernel(kernel);
    }
    slicesReplaced = true;
  }
  return true;
}

/**
 * Whether the fused kernels run on the active backend (for a run record or a log line).
 * @example log(`fused kernels: ${hepuqKernelsActive() ? 'wasm' : 'plain tfjs ops'}`)
 */
export function hepuqKernelsActive(): boolean {
  return kernelAvailable(fusedDenseWasm.kernelName, []); // registers them first where the first op would
}
