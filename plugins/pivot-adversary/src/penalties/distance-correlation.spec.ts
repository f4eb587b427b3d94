import * as tf from '@tensorflow/tfjs';
import { Rng, selectBackend } from '@hepuq/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { distanceCorrelationSq, distanceCorrelationSq64 } from './distance-correlation.js';

const t1 = (v: ArrayLike<number>) => tf.tensor1d(Array.from(v));
function tensorValue(x: ArrayLike<number>, y: ArrayLike<number>, w?: ArrayLike<number>): number {
  return tf.tidy(() => distanceCorrelationSq(t1(x), t1(y), w ? t1(w) : undefined).dataSync()[0]);
}

describe('distanceCorrelationSq', () => {
  beforeAll(async () => {
    await selectBackend();
  });

  it('matches hand-computed small cases, unweighted and weighted', () => {
    // x = (0, 1, 2), y = (0, 1, 0), p = 1/3: a has row means (1, 2/3, 1), grand mean 8/9, so
    // 9 A = [[-10, 2, 8], [2, -4, 2], [8, 2, -10]]; b row means (1/3, 2/3, 1/3), grand 4/9,
    // 9 B = [[-2, 4, -2], [4, -8, 4], [-2, 4, -2]]; sum A.B = 72/81, sum A^2 = 360/81, sum B^2 = 144/81, so
    // dCor^2 = 72 / sqrt(360 * 144) = 1 / sqrt(10)
    expect(distanceCorrelationSq64([0, 1, 2], [0, 1, 0])).toBeCloseTo(1 / Math.sqrt(10), 14);
    // weights (1, 2, 1), p = (1/4, 1/2, 1/4): abar = (1, 1/2, 1), grand 3/4, 4 A = [[-5, 1, 3], [1, -1, 1], [3, 1, -5]];
    // every bbar = 1/2, B = b - 1/2 = +-1/2; sum p_i p_j A B = 1/8, sum pp A^2 = 5/16, sum pp B^2 = 1/4, so
    // dCor^2 = (1/8) / sqrt(5/64) = 1 / sqrt(5)
    expect(distanceCorrelationSq64([0, 1, 2], [0, 1, 0], [1, 2, 1])).toBeCloseTo(1 / Math.sqrt(5), 14);
    // any two distinct points are perfectly dependent
    expect(distanceCorrelationSq64([0, 1], [5, 2], [0.3, 2])).toBeCloseTo(1, 14);
    // an integer weight is the same as repeating the event
    expect(distanceCorrelationSq64([0, 1, 2], [0, 1, 0], [1, 2, 1])).toBeCloseTo(distanceCorrelationSq64([0, 1, 1, 2], [0, 1, 1, 0]), 14);
    // the float32 tensor version agrees to float32 rounding
    expect(tensorValue([0, 1, 2], [0, 1, 0])).toBeCloseTo(1 / Math.sqrt(10), 5);
    expect(tensorValue([0, 1, 2], [0, 1, 0], [1, 2, 1])).toBeCloseTo(1 / Math.sqrt(5), 5);
  });

  it('is 1 for y = a x + b and near 0 for independent samples', () => {
    const rng = new Rng(5);
    const x = rng.normalArray(500);
    const w = Float32Array.from({ length: 500 }, () => 0.5 + rng.uniform());
    expect(distanceCorrelationSq64(x, Float64Array.from(x, (v) => -3 * v + 7), w)).toBeCloseTo(1, 12);
    expect(tensorValue(x, Float64Array.from(x, (v) => 2 * v - 1), w)).toBeCloseTo(1, 4);
    // independent N(0, 1) samples: the V-statistic has a positive bias E|X-X'| E|Y-Y'| / (n dVar^2) =
    // (4/pi) / (0.401 n) = 3.2 / n = 0.0016 at n = 2000, with fluctuations of the same order; allow 0.01
    const a = rng.normalArray(2000);
    const b = rng.normalArray(2000);
    const value = distanceCorrelationSq64(a, b);
    expect(value).toBeGreaterThan(0);
    expect(value).toBeLessThan(0.01);
    // a non-linear, uncorrelated dependence (y = x^2) is seen: rho = 0 but dCor^2 is large
    expect(distanceCorrelationSq64(a, Float64Array.from(a, (v) => v * v))).toBeGreaterThan(0.1);
  });

  it('tensor and float64 versions agree on random weighted data', () => {
    const rng = new Rng(6);
    const x = rng.normalArray(300);
    const y = Float32Array.from(x, (v) => Math.sin(2 * v) + 0.5 * rng.normal());
    const w = Float32Array.from({ length: 300 }, () => rng.uniform() * 2);
    // float32 sums of 9e4 O(1) terms: relative rounding ~1e-5; 1e-4 leaves room
    expect(Math.abs(tensorValue(x, y, w) - distanceCorrelationSq64(x, y, w))).toBeLessThan(1e-4);
  });

  it('has a finite gradient in x and does not leak tensors', () => {
    const rng = new Rng(7);
    const x = tf.tensor1d(rng.normalArray(64));
    const y = tf.tensor1d(rng.normalArray(64));
    const w = tf.tensor1d(Float32Array.from({ length: 64 }, () => 0.5 + rng.uniform()));
    const before = tf.memory().numTensors;
    const g = tf.grad((s: tf.Tensor) => distanceCorrelationSq(s as tf.Tensor1D, y, w))(x);
    const values = g.dataSync();
    expect(values.every(Number.isFinite)).toBe(true);
    expect(values.some((v) => v !== 0)).toBe(true);
    // a small step against the gradient lowers the penalty (first order)
    const step = tf.tidy(() => tf.sub(x, tf.mul(g, 0.01)) as tf.Tensor1D);
    const [v0, v1] = tf.tidy(() => [distanceCorrelationSq(x, y, w).dataSync()[0], distanceCorrelationSq(step, y, w).dataSync()[0]]);
    expect(v1).toBeLessThan(v0);
    tf.dispose([g, step]);
    expect(tf.memory().numTensors).toBe(before);
    tf.dispose([x, y, w]);
  });

  it('rejects mismatched lengths', () => {
    expect(() => distanceCorrelationSq64([1, 2], [1])).toThrow(/must match/);
    tf.tidy(() => {
      expect(() => distanceCorrelationSq(tf.tensor1d([1, 2]), tf.tensor1d([1, 2, 3]))).toThrow(/must match/);
    });
  });
});
