import type * as tf from '@tensorflow/tfjs';
import { kernelsIn, type KernelExports } from './kernel-module.js';

/** The parts of tfjs-backend-wasm's `BackendWasm` (4.x) the kernels use: its Emscripten module and tensor table. */
export interface WasmBackendLike {
  wasm: { asm: { memory: WebAssembly.Memory }; _malloc(bytes: number): number; _free(ptr: number): void };
  dataIdMap: { get(dataId: tf.DataId): { memoryOffset: number } | undefined };
  makeOutput(shape: number[], dtype: tf.DataType): tf.TensorInfo;
}

let module: WebAssembly.Module | undefined;

/** Set once the module is compiled (by `registerHepuqKernels`). */
export function setKernelModule(compiled: WebAssembly.Module): void {
  module = compiled;
}

/**
 * One kernel call's view of the tfjs heap: tensor addresses, freshly allocated outputs, and scratch
 * from Emscripten's malloc that `release()` frees. Addresses are byte offsets, so they stay valid when
 * the heap grows (only JavaScript views of the old ArrayBuffer go stale, and no kernel keeps one).
 */
export class WasmHeap {
  readonly kernels: KernelExports;
  readonly #scratch: number[] = [];

  constructor(private readonly backend: WasmBackendLike) {
    if (!module) throw new Error('@hepuq/kernels: the wasm kernels ran before registerHepuqKernels() compiled them');
    this.kernels = kernelsIn(module, backend.wasm.asm.memory);
  }

  /** Byte offset of a tensor's data. */
  ptr(t: tf.TensorInfo): number {
    const data = this.backend.dataIdMap.get(t.dataId);
    if (!data) throw new Error('@hepuq/kernels: a kernel input has no data on the wasm backend');
    return data.memoryOffset;
  }

  /** A new float32 tensor on the heap, and its address. */
  output(shape: number[]): { info: tf.TensorInfo; ptr: number } {
    const info = this.backend.makeOutput(shape, 'float32');
    return { info, ptr: this.ptr(info) };
  }

  /** `bytes` of scratch (0 for none), freed by `release()`. */
  scratch(bytes: number): number {
    if (bytes <= 0) return 0;
    const p = this.backend.wasm._malloc(bytes) >>> 0;
    this.#scratch.push(p);
    return p;
  }

  release(): void {
    for (const p of this.#scratch.splice(0)) this.backend.wasm._free(p);
  }
}
