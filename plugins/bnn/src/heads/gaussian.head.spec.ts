import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { hetGaussianNll } from '@hepuq/nn';
import { selectBackend } from '@hepuq/core';
import { gaussianNll } from './gaussian.head.js';
import { mixtureHead } from './mixture.head.js';

describe('Gaussian head NLL', () => {
  beforeAll(async () => {
    await selectBackend();
  });

  it("equals core's hetGaussianNll in value and gradient, clamp included", () => {
    const n = 50;
    // log sigma spread over [-9, 9] so that both clamp edges (log 1e-3 = -6.9, log 1e3 = 6.9) are crossed
    const out = tf.stack([tf.randomNormal([n], 0, 1, 'float32', 1), tf.linspace(-9, 9, n)], 1) as tf.Tensor2D;
    const y = tf.randomNormal([n, 1], 0, 1, 'float32', 2) as tf.Tensor2D;
    const w = tf.randomUniform([n], 0.2, 2, 'float32', 3) as tf.Tensor1D;
    const reference = (o: tf.Tensor) => hetGaussianNll(y, o.slice([0, 0], [-1, 1]), o.slice([0, 1], [-1, 1]), w.expandDims(1));
    const ours = (o: tf.Tensor) => gaussianNll(o as tf.Tensor2D, y, w);
    const [a, b] = [ours(out).dataSync()[0], reference(out).dataSync()[0]];
    expect(Math.abs(a - b)).toBeLessThan(1e-5 * Math.abs(b));
    const g1 = tf.grad(ours)(out).dataSync();
    const g2 = tf.grad(reference)(out).dataSync();
    // float32: agreement to a few ulps of each gradient (they reach 5e4 where sigma is clamped at 1e-3)
    for (let i = 0; i < g1.length; i++) expect(Math.abs(g1[i] - g2[i])).toBeLessThan(1e-5 * Math.max(1, Math.abs(g2[i])));
  });

  it('a one-component mixture head gives the Gaussian NLL exactly', () => {
    const n = 30;
    const mu = tf.randomNormal([n, 1], 0, 1, 'float32', 4);
    const ls = tf.randomNormal([n, 1], 0, 0.5, 'float32', 5);
    const y = tf.randomNormal([n, 1], 0, 1, 'float32', 6) as tf.Tensor2D;
    const w = tf.ones([n]) as tf.Tensor1D;
    const gauss = gaussianNll(tf.concat([mu, ls], 1) as tf.Tensor2D, y, w).dataSync()[0];
    const mix = mixtureHead(1).nll(tf.concat([tf.zeros([n, 1]), mu, ls], 1) as tf.Tensor2D, y, w).dataSync()[0];
    expect(mix).toBeCloseTo(gauss, 5);
  });
});
