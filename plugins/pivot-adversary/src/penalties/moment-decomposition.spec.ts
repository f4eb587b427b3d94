import * as tf from '@tensorflow/tfjs';
import { HepuqError, Rng, selectBackend } from '@hepuq/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { modePenalty, type ModePenaltyOptions } from './moment-decomposition.js';

const N = 4000;

/**
 * Background with m ~ U(0, 1) and a score whose CDF given m is exactly a polynomial in m: with probability
 * q(m) the score comes from the high component sigmoid(N(1, 0.5)), else from sigmoid(N(-1, 0.5)), so
 * F_m(s) = G0(s) + q(m) (G1(s) - G0(s)).
 */
function sample(q: (m: number) => number, seed: number) {
  const rng = new Rng(seed);
  const m = new Float32Array(N);
  const s = new Float32Array(N);
  for (let i = 0; i < N; i++) {
    m[i] = rng.uniform();
    const high = rng.uniform() < q(m[i]);
    s[i] = 1 / (1 + Math.exp(-rng.normal(high ? 1 : -1, 0.5)));
  }
  return { m, s };
}

function penalty(d: { m: Float32Array; s: Float32Array }, opts: ModePenaltyOptions, w?: Float32Array): number {
  return tf.tidy(() => modePenalty(tf.tensor1d(d.s), tf.tensor1d(d.m), tf.tensor1d(w ?? new Float32Array(d.m.length).fill(1)), opts).dataSync()[0]);
}

// Finite-sample floor: with n_b = N / B = 250 events per bin, each binned CDF fluctuates with variance
// F(1 - F) / n_b, so E[L] ~ (B - K) / B * int F(1 - F) ds / n_b <= 0.25 / 250 = 1e-3 (K fitted orders;
// int F(1 - F) ds ~ 0.15 here gives ~5e-4). The m-dependence below gives ~1e-2, twenty times more.
const FLOOR = 1.5e-3;

describe('modePenalty', () => {
  beforeAll(async () => {
    await selectBackend();
  });

  it('is at the finite-sample floor for a score independent of m', () => {
    const d = sample(() => 0.5, 1);
    for (const order of [0, 1, 2] as const) expect(penalty(d, { order, bins: 16 })).toBeLessThan(FLOOR);
  });

  it('penalises a linear m-dependence at order 0 but not at order 1', () => {
    const d = sample((m) => 0.1 + 0.8 * m, 2);
    const flat = penalty(d, { order: 0, bins: 16 });
    const linear = penalty(d, { order: 1, bins: 16 });
    expect(flat).toBeGreaterThan(10 * FLOOR);
    expect(linear).toBeLessThan(FLOOR);
    // a quadratic dependence needs order 2
    const bowl = sample((m) => 0.1 + 3.2 * (m - 0.5) ** 2, 3);
    expect(penalty(bowl, { order: 1, bins: 16 })).toBeGreaterThan(5 * FLOOR);
    expect(penalty(bowl, { order: 2, bins: 16 })).toBeLessThan(FLOOR);
  });

  it('ignores events with weight 0 (signal) and uses event weights', () => {
    const d = sample((m) => 0.1 + 0.8 * m, 4);
    const half = { m: d.m.subarray(0, N / 2), s: d.s.subarray(0, N / 2) };
    const masked = new Float32Array(N).fill(1).fill(0, N / 2);
    // float32 sums over different event sets: agreement to ~1e-6 relative
    expect(penalty(d, { order: 0, bins: 8 }, masked)).toBeCloseTo(penalty(half, { order: 0, bins: 8 }), 6);
    // doubling every weight changes nothing
    expect(penalty(d, { order: 0, bins: 8 }, new Float32Array(N).fill(2))).toBeCloseTo(penalty(d, { order: 0, bins: 8 }), 6);
  });

  it('has a finite gradient in the score that lowers the penalty, and frees its tensors', () => {
    const d = sample((m) => 0.1 + 0.8 * m, 5);
    const s = tf.tensor1d(d.s);
    const m = tf.tensor1d(d.m);
    const w = tf.ones([N]) as tf.Tensor1D;
    const before = tf.memory().numTensors;
    const g = tf.grad((x: tf.Tensor) => modePenalty(x as tf.Tensor1D, m, w, { order: 0, bins: 16 }))(s);
    const values = g.dataSync();
    expect(values.every(Number.isFinite)).toBe(true);
    expect(values.some((v) => v !== 0)).toBe(true);
    const [l0, l1] = tf.tidy(() => [
      modePenalty(s, m, w).dataSync()[0],
      modePenalty(tf.sub(s, tf.mul(g, 1e-3 / Math.max(...values.map(Math.abs)))) as tf.Tensor1D, m, w).dataSync()[0],
    ]);
    expect(l1).toBeLessThan(l0);
    g.dispose();
    expect(tf.memory().numTensors).toBe(before);
    tf.dispose([s, m, w]);
  });

  it('rejects bad options and too small batches with catalog errors', () => {
    const d = sample(() => 0.5, 6);
    const small = { m: d.m.subarray(0, 10), s: d.s.subarray(0, 10) };
    let e: unknown;
    try {
      penalty(small, { bins: 16 });
    } catch (err) {
      e = err;
    }
    expect(e).toBeInstanceOf(HepuqError);
    expect((e as HepuqError).hint).toMatch(/fewer `bins`/);
    expect(() => penalty(d, { order: 3 } as never)).toThrow(/options: order/);
  });
});
