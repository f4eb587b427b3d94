import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Rng } from '../random/rng.js';
import { selectBackend } from './select-backend.js';

/** `op` on the wasm backend (with hepuq's overrides) and on the cpu backend, as plain arrays. */
async function onBoth<T>(op: () => tf.Tensor, read: (t: tf.Tensor) => T = (t) => t.arraySync() as T): Promise<[T, T]> {
  const run = (): T => {
    let out!: T;
    tf.tidy(() => { out = read(op()); });
    return out;
  };
  const wasm = run();
  await tf.setBackend('cpu');
  const cpu = run();
  await tf.setBackend('wasm');
  return [wasm, cpu];
}

describe('wasm kernel overrides', () => {
  beforeAll(async () => {
    expect((await selectBackend('wasm')).name).toBe('wasm');
  });
  afterAll(async () => {
    await selectBackend('wasm');
  });

  it('gathers whole rows as the original kernel does: 1-D, 2-D, 3-D, int32, repeats, any index shape', async () => {
    const rng = new Rng(3);
    const cases: [number[], tf.DataType, number[]][] = [[[50], 'float32', [7]], [[50, 20], 'float32', [256]], [[9, 4, 3], 'int32', [2, 5]], [[1, 3], 'float32', [4]]];
    for (const [shape, dtype, indexShape] of cases) {
      const size = shape.reduce((a, b) => a * b, 1);
      const values = dtype === 'int32' ? Int32Array.from({ length: size }, (_, i) => i * 7 - 3) : rng.normalArray(size);
      const index = Int32Array.from({ length: indexShape.reduce((a, b) => a * b, 1) }, () => Math.floor(rng.uniform() * shape[0]));
      const [wasm, cpu] = await onBoth(() => tf.gather(tf.tensor(values, shape, dtype), tf.tensor(index, indexShape, 'int32')));
      expect(wasm).toEqual(cpu);
    }
  });

  it('leaves other axes to the original kernel, and refuses an index out of range', async () => {
    const x = () => tf.tensor2d([[1, 2, 3], [4, 5, 6]]);
    const [wasm, cpu] = await onBoth(() => tf.gather(x(), tf.tensor1d([2, 0], 'int32'), 1));
    expect(wasm).toEqual(cpu);
    expect(() => tf.tidy(() => tf.gather(x(), tf.tensor1d([2], 'int32')))).toThrow(/index value 2 is not in \[0, 1\]/);
    expect(() => tf.tidy(() => tf.gather(x(), tf.tensor1d([-1], 'int32')))).toThrow(/index value -1/);
  });

  it('clones by sharing the buffer: both tensors stay readable whichever is freed first, and nothing leaks', () => {
    const before = tf.memory();
    const a = tf.tensor1d([1, 2, 3]);
    const b = a.clone();
    const c = b.clone();
    a.dispose();
    expect(Array.from(b.dataSync())).toEqual([1, 2, 3]);
    c.dispose();
    expect(Array.from(b.dataSync())).toEqual([1, 2, 3]);
    b.dispose();
    expect(tf.memory().numTensors).toBe(before.numTensors);
    expect(tf.memory().numBytes).toBe(before.numBytes);
  });

  it('keeps gradients through saved (cloned) tensors right', async () => {
    const f = (x: tf.Tensor) => tf.sum(tf.mul(tf.exp(x), tf.square(tf.sigmoid(x))));
    const [wasm, cpu] = await onBoth(() => tf.grad(f)(tf.tensor1d([0.5, -1, 2])), (t) => Array.from(t.dataSync()));
    wasm.forEach((g, i) => expect(g).toBeCloseTo(cpu[i], 5));
  });
});
