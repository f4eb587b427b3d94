import type { Rng } from '@hepuq/core';

/**
 * `count` batches of `size` distinct event indices out of `n`. Batches are disjoint (hence
 * independent samples of the parent distribution) as long as count * size <= n; beyond that a fresh
 * permutation starts, so each batch is still a without-replacement draw.
 * @example disjointBatches(1000, 4, 250, rng) // four disjoint batches covering all 1000 events
 */
export function disjointBatches(n: number, count: number, size: number, rng: Rng): Int32Array[] {
  const out: Int32Array[] = [];
  let perm = rng.permutation(n);
  let offset = 0;
  for (let b = 0; b < count; b++) {
    if (offset + size > n) {
      perm = rng.permutation(n);
      offset = 0;
    }
    out.push(perm.slice(offset, offset + size));
    offset += size;
  }
  return out;
}

/** `k` distinct integers from [0, n) by a partial Fisher-Yates shuffle of `scratch` (length n, any permutation). */
export function drawDistinct(scratch: Int32Array, k: number, rng: Rng): Int32Array {
  const n = scratch.length;
  for (let i = 0; i < k; i++) {
    const j = i + rng.int(n - i);
    const t = scratch[i];
    scratch[i] = scratch[j];
    scratch[j] = t;
  }
  return scratch.subarray(0, k);
}
