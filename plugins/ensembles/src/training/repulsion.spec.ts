import * as tf from '@tensorflow/tfjs';
import { selectBackend } from '@hepuq/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { kernelRepulsion, medianBandwidth, memberDistances, stopGradient } from './repulsion.js';

describe('kernel repulsion', () => {
  beforeAll(async () => {
    await selectBackend();
  });

  it('stopGradient is the identity with zero gradient', () => {
    const x = tf.tensor1d([1, 2, 3]);
    const g = tf.grad((v: tf.Tensor) => tf.sum(tf.add(tf.square(v), stopGradient(tf.square(v)))))(x);
    expect(Array.from(g.dataSync())).toEqual([2, 4, 6]);
    tf.dispose([x, g]);
  });

  it('pairwise squared distances and the median bandwidth h = med^2 / log M', () => {
    const v = tf.tensor2d([[0, 0], [3, 4], [0, 1]]);
    const d2 = memberDistances(v);
    const values = Array.from(d2.dataSync());
    [0, 25, 1, 25, 0, 18, 1, 18, 0].forEach((e, i) => expect(values[i]).toBeCloseTo(e, 4));
    // off-diagonal {25, 1, 25, 18, 1, 18}: median (18 + 18) / 2
    expect(medianBandwidth(d2)).toBeCloseTo(18 / Math.log(3), 5);
    tf.dispose([v, d2]);
  });

  it('its gradient pushes each member away from the others (descent increases every distance)', () => {
    const v = tf.tensor2d([[0, 0], [1, 0], [0, 2]]);
    const g = tf.grad((x: tf.Tensor) => kernelRepulsion(x as tf.Tensor2D))(v);
    const moved = tf.sub(v, tf.mul(g, 0.01));
    const before = memberDistances(v).dataSync();
    const after = memberDistances(moved as tf.Tensor2D).dataSync();
    for (const k of [1, 2, 5]) expect(after[k]).toBeGreaterThan(before[k]);
    tf.dispose([v, g, moved]);
  });

  it('identical members feel no force', () => {
    const v = tf.tensor2d([[1, 2], [1, 2], [1, 2]]);
    const g = tf.grad((x: tf.Tensor) => kernelRepulsion(x as tf.Tensor2D))(v);
    expect(Math.max(...Array.from(g.dataSync()).map(Math.abs))).toBeLessThan(1e-6);
    tf.dispose([v, g]);
  });
});
