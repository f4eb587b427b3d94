import * as tf from '@tensorflow/tfjs';
import { Rng, selectBackend } from '@hepuq/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { stackedMatMul } from './stacked-matmul.js';

const rng = new Rng(3);
const rand = (shape: [number, number, number]) => tf.tensor(rng.normalArray(shape.reduce((a, b) => a * b, 1)), shape) as tf.Tensor3D;

// float32 products of length <= 7 with O(1) entries: rounding differences between the naive and the
// XNNPACK summation order are ~1e-6; 1e-4 leaves room and still catches any wrong slice (O(1) errors)
const TOL = 1e-4;

/** max |a - b|, evaluated (and freed) inside a tidy. */
function maxDiff(a: () => tf.Tensor, b: () => tf.Tensor): number {
  return tf.tidy(() => tf.max(tf.abs(tf.sub(a(), b()))).dataSync()[0]);
}

describe('stackedMatMul', () => {
  beforeAll(async () => {
    await selectBackend();
  });

  for (const [ta, tb] of [[false, false], [true, false], [false, true], [true, true]] as const) {
    it(`matches tf.matMul and its gradients (transposeA=${ta}, transposeB=${tb})`, () => {
      const a = rand(ta ? [4, 5, 3] : [4, 3, 5]);
      const b = rand(tb ? [4, 7, 5] : [4, 5, 7]);
      const before = tf.memory().numTensors;
      const loss = (f: typeof stackedMatMul) => (x: tf.Tensor, y: tf.Tensor) => tf.sum(tf.sin(f(x as tf.Tensor3D, y as tf.Tensor3D, ta, tb)));
      const ours = tf.grads(loss(stackedMatMul));
      const ref = tf.grads(loss((x, y, p, q) => tf.matMul(x, y, p, q)));
      expect(maxDiff(() => stackedMatMul(a, b, ta, tb), () => tf.matMul(a, b, ta, tb))).toBeLessThan(TOL);
      const [ga, gb] = ours([a, b]);
      const [ra, rb] = ref([a, b]);
      expect(maxDiff(() => ga, () => ra)).toBeLessThan(TOL);
      expect(maxDiff(() => gb, () => rb)).toBeLessThan(TOL);
      tf.dispose([ga, gb, ra, rb]);
      expect(tf.memory().numTensors).toBe(before);
      tf.dispose([a, b]);
    });
  }

  it('broadcasts a shared left operand over the members, gradient summed', () => {
    const x = rand([1, 6, 3]);
    const w = rand([5, 3, 2]);
    expect(maxDiff(() => stackedMatMul(x, w), () => tf.matMul(tf.tile(x, [5, 1, 1]), w))).toBeLessThan(TOL);
    const [gx] = tf.grads((p: tf.Tensor) => tf.sum(tf.square(stackedMatMul(p as tf.Tensor3D, w))))([x]);
    const [rx] = tf.grads((p: tf.Tensor) => tf.sum(tf.square(tf.matMul(tf.tile(p, [5, 1, 1]) as tf.Tensor3D, w))))([x]);
    expect(gx.shape).toEqual([1, 6, 3]);
    expect(maxDiff(() => gx, () => rx)).toBeLessThan(TOL);
  });

  it('gives every member its own weights (no reuse of one packed slice)', () => {
    const x = rand([3, 4, 2]);
    const w = tf.stack([tf.eye(2), tf.eye(2).mul(2), tf.eye(2).mul(-1)]) as tf.Tensor3D;
    const out = stackedMatMul(x, w).arraySync();
    const xs = x.arraySync();
    [1, 2, -1].forEach((scale, m) => expect(out[m][0][1]).toBeCloseTo(scale * xs[m][0][1], 5));
  });
});
