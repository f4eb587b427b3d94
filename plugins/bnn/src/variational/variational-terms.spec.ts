import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { selectBackend } from '@hepuq/core';
import { gaussianKl } from './gaussian-kl.js';
import { variationalTerms } from './variational-terms.js';

describe('variational terms', () => {
  beforeAll(async () => {
    await selectBackend();
  });

  it('KL of q = p is zero and grows as q leaves the prior', () => {
    expect(gaussianKl(tf.zeros([5]), tf.fill([5], 2), 2).dataSync()[0]).toBeCloseTo(0, 5);
    // one parameter, mu = 1, sigma = s_p = 1: KL = 1/2
    expect(gaussianKl(tf.ones([1]), tf.ones([1]), 1).dataSync()[0]).toBeCloseTo(0.5, 6);
  });

  for (const priorSigma of [0.1, 1, 30]) {
    it(`matches softplus, square and gaussianKl under autodiff in value and gradient (prior ${priorSigma})`, () => {
      const p = 40;
      const mu = tf.randomNormal([p], 0, 0.7, 'float32', 1) as tf.Tensor1D;
      const rho = tf.randomUniform([p], -6, 1, 'float32', 2) as tf.Tensor1D;
      const a = tf.randomNormal([p], 0, 1, 'float32', 3);
      const c = 0.37;
      const b = tf.randomNormal([p], 0, 1, 'float32', 4);
      // a loss using all three outputs, mu included (the network consumes mu too)
      const loss = (f: (packed: tf.Tensor1D) => { mu: tf.Tensor; s2: tf.Tensor; kl: tf.Tensor }) => (packed: tf.Tensor) => {
        const t = f(packed as tf.Tensor1D);
        return tf.add(tf.add(tf.sum(tf.mul(a, t.s2)), tf.sum(tf.mul(b, tf.square(t.mu)))), tf.mul(c, t.kl));
      };
      const reference = (packed: tf.Tensor1D) => {
        const [m, r] = tf.split(packed, 2) as tf.Tensor1D[];
        const sigma = tf.softplus(r) as tf.Tensor1D;
        return { mu: m, s2: tf.square(sigma), kl: gaussianKl(m, sigma, priorSigma) };
      };
      const ours = (packed: tf.Tensor1D) => variationalTerms(packed, priorSigma);
      const packed = tf.concat([mu, rho]);
      const [v1, v2] = [loss(ours)(packed).dataSync()[0], loss(reference)(packed).dataSync()[0]];
      expect(Math.abs(v1 - v2)).toBeLessThan(1e-5 * Math.max(1, Math.abs(v2)));
      const [x, y] = [tf.grad(loss(ours))(packed).dataSync(), tf.grad(loss(reference))(packed).dataSync()];
      for (let i = 0; i < 2 * p; i++) expect(Math.abs(x[i] - y[i])).toBeLessThan(1e-4 * Math.max(1, Math.abs(y[i])));
    });
  }
});
