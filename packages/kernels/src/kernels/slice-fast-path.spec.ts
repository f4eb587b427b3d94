import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { seededTensor, useWasmKernels } from '../spec-helpers.js';

// The replaced Slice and SplitV copy bytes: their results must equal the host-side slices exactly.
describe('Slice and SplitV fast paths on the wasm backend', () => {
  beforeAll(useWasmKernels);

  it('contiguous and strided slices and splits equal the values sliced on the host', () => {
    const x = seededTensor([6, 5, 4], 1);
    const host = x.arraySync() as number[][][];
    tf.tidy(() => {
      expect(tf.slice(x, [2, 0, 0], [3, 5, 4]).arraySync()).toEqual(host.slice(2, 5));
      expect(tf.slice(x, [1, 2, 0], [1, 2, 4]).arraySync()).toEqual([host[1].slice(2, 4)]);
      expect(tf.slice(x, [0, 1, 1], [2, 3, 2]).arraySync()).toEqual(host.slice(0, 2).map((r) => r.slice(1, 4).map((c) => c.slice(1, 3))));
      const flat = x.reshape([-1]);
      const parts = tf.split(flat, [7, 0, 50, 63]);
      expect(parts.map((p) => Array.from(p.dataSync()))).toEqual([[0, 7], [7, 7], [7, 57], [57, 120]].map(([a, b]) => Array.from(flat.dataSync().slice(a, b))));
      // along a middle axis the pieces are strided: tfjs's own kernel runs
      expect(tf.split(x, [2, 3], 1).map((p) => p.arraySync())).toEqual([host.map((r) => r.slice(0, 2)), host.map((r) => r.slice(2))]);
      expect(tf.split(tf.cast(x, 'int32'), [2, 4], 0)[1].arraySync()).toEqual(tf.cast(tf.tensor(host.slice(2)), 'int32').arraySync());
    });
    x.dispose();
  });

  it('copies the right bytes after the heap grows', () => {
    const memory = (tf.backend() as unknown as { wasm: { asm: { memory: WebAssembly.Memory } } }).wasm.asm.memory;
    const x = seededTensor([1000], 2);
    const before = memory.buffer.byteLength;
    const big = tf.fill([before / 4 + 1_000_000], 3);
    expect(memory.buffer.byteLength).toBeGreaterThan(before);
    const [a, b] = tf.split(x, [300, 700]);
    expect(Array.from(b.dataSync())).toEqual(Array.from(x.dataSync().slice(300)));
    expect(Array.from(a.dataSync())).toEqual(Array.from(x.dataSync().slice(0, 300)));
    tf.dispose([x, big, a, b]);
  });
});
