// Shared by this package's specs only (excluded from the build).
import * as tf from '@tensorflow/tfjs';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';
import { registerHepuqKernels } from './register-kernels.js';

/** Compile the AssemblyScript kernels if dist/ lacks them (specs run from sources, maybe before any build). */
export function buildWasm(): void {
  execFileSync(process.execPath, [fileURLToPath(new URL('../scripts/build-wasm.mjs', import.meta.url))], { stdio: 'inherit' });
}

/** Make the wasm backend active with hepuq's kernels registered (fails the spec if they cannot be). */
export async function useWasmKernels(): Promise<void> {
  buildWasm();
  await import('@tensorflow/tfjs-backend-wasm');
  expect(await tf.setBackend('wasm')).toBe(true);
  await tf.ready();
  expect(await registerHepuqKernels()).toBe(true);
}

/** Deterministic uniform(-scale, scale) values (mulberry32), so every run tests the same numbers. */
export function seededTensor(shape: number[], seed: number, scale = 1): tf.Tensor {
  let s = seed >>> 0;
  const values = new Float32Array(shape.reduce((a, b) => a * b, 1));
  for (let i = 0; i < values.length; i++) {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    values[i] = scale * (2 * (((t ^ (t >>> 14)) >>> 0) / 4294967296) - 1);
  }
  return tf.tensor(values, shape);
}

/**
 * |actual - expected| <= rtol * max|expected| elementwise. The scale is the tensor's largest entry, not
 * each entry, because a float32 sum of K terms of either sign errs by ~ u sqrt(K) |largest partial
 * sum| (u = 2^-24; Higham, Accuracy and Stability, ch. 4) whatever the sum itself comes to, and two
 * summation orders (XNNPACK's blocks vs our tiles) differ by that much.
 */
export function expectClose(actual: tf.Tensor, expected: tf.Tensor, rtol: number, label: string): void {
  expect(actual.shape, `${label}: shape`).toEqual(expected.shape);
  const a = actual.dataSync(), e = expected.dataSync();
  let scale = 0;
  for (const v of e) scale = Math.max(scale, Math.abs(v));
  let worst = 0, at = -1;
  for (let i = 0; i < e.length; i++) {
    const d = Math.abs(a[i] - e[i]);
    if (!(d <= worst)) [worst, at] = [d, i];
  }
  expect(worst, `${label}: worst |diff| at ${at} (${a[at]} vs ${e[at]}), scale ${scale}`).toBeLessThanOrEqual(rtol * scale + 1e-30);
}

/** Kernel names a function runs (to prove the fused kernel, not the fallback, was used). */
export async function kernelsRun(f: () => tf.TensorContainer): Promise<string[]> {
  const info = await tf.profile(f);
  return info.kernelNames;
}
