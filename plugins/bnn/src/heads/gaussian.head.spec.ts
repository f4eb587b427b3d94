import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { diagGaussianNll, hetGaussianNll, softBound } from '@hepuq/nn';
import { selectBackend } from '@hepuq/core';
import { gaussianHead } from './gaussian.head.js';
import { mixtureHead } from './mixture.head.js';

/** The soft bound in float64: lo + softplus(hi - softplus(hi - x) - lo). */
function softBoundValue(x: number, lo = Math.log(1e-3), hi = Math.log(1e3)): number {
  const softplus = (v: number) => (v > 0 ? v + Math.log1p(Math.exp(-v)) : Math.log1p(Math.exp(v)));
  return lo + softplus(hi - softplus(hi - x) - lo);
}

describe('Gaussian head NLL', () => {
  beforeAll(async () => {
    await selectBackend();
  });

  it("equals @hepuq/nn's hetGaussianNll of the soft-bounded log sigma in value and gradient, past the bounds too", () => {
    const n = 50;
    // raw log sigma spread over [-9, 9] so that both bounds (log 1e-3 = -6.9, log 1e3 = 6.9) are crossed
    const out = tf.stack([tf.randomNormal([n], 0, 1, 'float32', 1), tf.linspace(-9, 9, n)], 1) as tf.Tensor2D;
    const y = tf.randomNormal([n, 1], 0, 1, 'float32', 2) as tf.Tensor2D;
    const w = tf.randomUniform([n], 0.2, 2, 'float32', 3) as tf.Tensor1D;
    const reference = (o: tf.Tensor) => hetGaussianNll(y, o.slice([0, 0], [-1, 1]), softBound(o.slice([0, 1], [-1, 1])), w.expandDims(1));
    const ours = (o: tf.Tensor) => gaussianHead(o.shape[1]! / 2).nll(o as tf.Tensor2D, y, w);
    const [a, b] = [ours(out).dataSync()[0], reference(out).dataSync()[0]];
    expect(Math.abs(a - b)).toBeLessThan(1e-5 * Math.abs(b));
    const g1 = tf.grad(ours)(out).dataSync();
    const g2 = tf.grad(reference)(out).dataSync();
    // float32: agreement to a few ulps of each gradient (they reach 5e4 where sigma is near its bound 1e-3)
    for (let i = 0; i < g1.length; i++) expect(Math.abs(g1[i] - g2[i])).toBeLessThan(1e-5 * Math.max(1, Math.abs(g2[i])));
  });

  it("equals @hepuq/nn's diagGaussianNll in value and gradient for T = 3 targets, past the bounds too", () => {
    const n = 40;
    const t = 3;
    // raw log sigma of target k spread over [-9 + k, 9 - k] (both bounds crossed for every target),
    // the columns blocked: mu_0 mu_1 mu_2, then log sigma_0 log sigma_1 log sigma_2
    const mu = tf.randomNormal([n, t], 0, 1, 'float32', 7);
    const ls = tf.stack([0, 1, 2].map((k) => tf.linspace(-9 + k, 9 - k, n).reverse()), 1);
    const out = tf.concat([mu, ls], 1) as tf.Tensor2D;
    const y = tf.randomNormal([n, t], 0, 1, 'float32', 8) as tf.Tensor2D;
    const w = tf.randomUniform([n], 0.2, 2, 'float32', 9) as tf.Tensor1D;
    const reference = (o: tf.Tensor) => diagGaussianNll(y, o.slice([0, 0], [-1, t]), softBound(o.slice([0, t], [-1, t])), w);
    const ours = (o: tf.Tensor) => gaussianHead(o.shape[1]! / 2).nll(o as tf.Tensor2D, y, w);
    const [a, b] = [ours(out).dataSync()[0], reference(out).dataSync()[0]];
    expect(Math.abs(a - b)).toBeLessThan(1e-5 * Math.abs(b));
    const g1 = tf.grad(ours)(out);
    const g2 = tf.grad(reference)(out);
    expect(g1.shape).toEqual([n, 2 * t]);
    const [d1, d2] = [g1.dataSync(), g2.dataSync()];
    // as above: a few float32 ulps of each gradient; log sigmas past a bound still get one (a hard clamp gave 0)
    for (let i = 0; i < d1.length; i++) expect(Math.abs(d1[i] - d2[i])).toBeLessThan(1e-5 * Math.max(1, Math.abs(d2[i])));
    const outside = tf.tidy(() => tf.logicalOr(tf.less(ls, -6.91), tf.greater(ls, 6.91)).dataSync());
    expect(outside.some((c) => c === 1)).toBe(true);
    outside.forEach((c, i) => c && expect(Math.abs(d1[Math.floor(i / t) * 2 * t + t + (i % t)])).toBeGreaterThan(0));
  });

  it('draw moments of T targets are [R, T, n]: mu_t and sigma_t^2 of every draw', () => {
    const [r, n, t] = [2, 5, 3];
    const out = tf.randomNormal([r, n, 2 * t], 0, 1, 'float32', 10) as tf.Tensor3D;
    const { mean, variance } = gaussianHead(t).drawMoments(out);
    expect(mean.shape).toEqual([r, t, n]);
    const [o, m, v] = [out.arraySync(), mean.arraySync(), variance.arraySync()];
    for (let i = 0; i < r; i++) for (let j = 0; j < n; j++) for (let k = 0; k < t; k++) {
      expect(m[i][k][j]).toBe(o[i][j][k]);
      // float32 exp and square: a few ulps relative
      // float32 exp and square of the soft-bounded log sigma (b(x) = x up to e^-(x + 6.9) + e^-(6.9 - x) <= 3e-3 here)
      expect(Math.abs(v[i][k][j] / Math.exp(2 * softBoundValue(o[i][j][t + k])) - 1)).toBeLessThan(1e-5);
    }
  });

  it('a one-component mixture head gives the Gaussian NLL exactly', () => {
    const n = 30;
    const mu = tf.randomNormal([n, 1], 0, 1, 'float32', 4);
    const ls = tf.randomNormal([n, 1], 0, 0.5, 'float32', 5);
    const y = tf.randomNormal([n, 1], 0, 1, 'float32', 6) as tf.Tensor2D;
    const w = tf.ones([n]) as tf.Tensor1D;
    const gauss = gaussianHead(1).nll(tf.concat([mu, ls], 1) as tf.Tensor2D, y, w).dataSync()[0];
    const mix = mixtureHead(1).nll(tf.concat([tf.zeros([n, 1]), mu, ls], 1) as tf.Tensor2D, y, w).dataSync()[0];
    expect(mix).toBeCloseTo(gauss, 5);
  });
});
