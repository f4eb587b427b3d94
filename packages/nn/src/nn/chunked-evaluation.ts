import * as tf from '@tensorflow/tfjs';

/** Floats per batched forward pass (rows x events x widest layer): bounds prediction memory to ~64 MB. */
export const FLOATS_PER_CHUNK = 1 << 24;

/** A row-major input matrix [n, width] that `evaluateInChunks` hands to the model chunk by chunk. */
export interface ChunkInput {
  values: Float32Array;
  width: number;
}

/**
 * Events per chunk such that `passes` stacked forward passes (ensemble members, weight draws) over a
 * chunk hold at most `budget` floats in a layer `widest` wide: floor(budget / (passes widest)), at least 1.
 * @example eventsPerChunk(10, 64) // 26214 events for 10 members with 64 hidden units
 */
export function eventsPerChunk(passes: number, widest: number, budget = FLOATS_PER_CHUNK): number {
  return Math.max(1, Math.floor(budget / (passes * widest)));
}

/**
 * Run `model` over n events in chunks of at most `chunk` events (memory bounded by one chunk, each
 * chunk inside `tf.tidy`) and gather its named outputs: a tensor [c] or [rows, c] for a chunk of c
 * events becomes a Float32Array [n] or [rows * n], row-major (row k holds events k n ... k n + n - 1;
 * `splitRows` cuts it up). `inputs` are sliced to [c, width] tensors in the given order.
 * @example const { prob } = evaluateInChunks(n, 65_536, [{ values: x, width: d }], ([xb]) => ({ prob: tf.sigmoid(net(xb)) }))
 */
export function evaluateInChunks(
  n: number,
  chunk: number,
  inputs: readonly ChunkInput[],
  model: (chunk: tf.Tensor2D[]) => Record<string, tf.Tensor>,
): Record<string, Float32Array> {
  const result: Record<string, Float32Array> = {};
  for (let lo = 0; lo < n; lo += chunk) {
    const hi = Math.min(n, lo + chunk);
    const cols = tf.tidy(() => model(inputs.map(({ values, width }) => tf.tensor2d(values.subarray(lo * width, hi * width), [hi - lo, width]))));
    for (const [name, t] of Object.entries(cols)) {
      const r = t.rank === 1 ? 1 : t.shape[0];
      result[name] ??= new Float32Array(r * n);
      const values = t.dataSync() as Float32Array;
      for (let row = 0; row < r; row++) result[name].set(values.subarray(row * (hi - lo), (row + 1) * (hi - lo)), row * n + lo);
      t.dispose();
    }
  }
  return result;
}

/**
 * Split a row-major [r * n] array (an `evaluateInChunks` output) into r rows of n.
 * @example splitRows(Float32Array.of(1, 2, 3, 4), 2, 2) // [Float32Array [1, 2], Float32Array [3, 4]]
 */
export function splitRows(flat: Float32Array, r: number, n: number): Float32Array[] {
  return Array.from({ length: r }, (_, k) => flat.slice(k * n, (k + 1) * n));
}
