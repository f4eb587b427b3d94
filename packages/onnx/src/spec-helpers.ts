import type { ModelGraph } from '@hepuq/core';
import { InferenceSession, Tensor } from 'onnxruntime-node';
import { expect } from 'vitest';
import { encodeOnnx } from './onnx-model.js';

/** A float32 array with its shape, as fed to or read from ONNX Runtime. */
export interface Array32 {
  data: Float32Array;
  dims: readonly number[];
}

/** Run `graph` in ONNX Runtime from the bytes `encodeOnnx` writes; returns every graph output. */
export async function runGraph(graph: ModelGraph, feeds: Record<string, Array32>): Promise<Record<string, Array32>> {
  const session = await InferenceSession.create(encodeOnnx(graph));
  try {
    const inputs = Object.fromEntries(Object.entries(feeds).map(([name, a]) => [name, new Tensor('float32', a.data, a.dims)]));
    const results = await session.run(inputs);
    return Object.fromEntries(Object.entries(results).map(([name, t]) => [name, { data: t.data as Float32Array, dims: t.dims }]));
  } finally {
    await session.release();
  }
}

/**
 * `actual` equals `expected` value by value within `tol * (1 + |expected|)`. The references are
 * computed in float64 from the same float32 inputs; a few float32 roundings of O(1) numbers give
 * relative errors of ~1e-7, so 1e-6 separates rounding from a wrong result.
 */
export function expectClose(actual: Array32, expected: Array32, tol = 1e-6): void {
  expect([...actual.dims]).toEqual([...expected.dims]);
  expect(actual.data.length).toBe(expected.data.length);
  expected.data.forEach((e, i) => {
    const a = actual.data[i];
    expect(Math.abs(a - e), `value ${i}: ${a} vs ${e}`).toBeLessThanOrEqual(tol * (1 + Math.abs(e)));
  });
}

/** A float32 array from row-major values. */
export const array32 = (dims: number[], values: ArrayLike<number>): Array32 => ({ data: Float32Array.from(values), dims });
