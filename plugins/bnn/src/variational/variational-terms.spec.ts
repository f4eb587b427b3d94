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
      const loss = (f: (m: tf.Tensor1D, r: tf.Tensor1D) => { s2: tf.Tensor; kl: tf.Tensor }) => (m: tf.Tensor, r: tf.Tensor) => {
        const t = f(m as tf.Tensor1D, r as tf.Tensor1D);
        return tf.add(tf.sum(tf.mul(a, t.s2)), tf.mul(c, t.kl));
      };
      const reference = (m: tf.Tensor1D, r: tf.Tensor1D) => {
        const sigma = tf.softplus(r) as tf.Tensor1D;
        return { s2: tf.square(sigma), kl: gaussianKl(m, sigma, priorSigma) };
      };
      const ours = (m: tf.Tensor1D, r: tf.Tensor1D) => variationalTerms(m, r, priorSigma);
      const [v1, v2] = [loss(ours)(mu, rho).dataSync()[0], loss(reference)(mu, rho).dataSync()[0]];
      expect(Math.abs(v1 - v2)).toBeLessThan(1e-5 * Math.max(1, Math.abs(v2)));
      const g1 = tf.grads(loss(ours))([mu, rho]);
      const g2 = tf.grads(loss(reference))([mu, rho]);
      for (let k = 0; k < 2; k++) {
        const [x, y] = [g1[k].dataSync(), g2[k].dataSync()];
        for (let i = 0; i < p; i++) expect(Math.abs(x[i] - y[i])).toBeLessThan(1e-4 * Math.max(1, Math.abs(y[i])));
      }
    });
  }
});
