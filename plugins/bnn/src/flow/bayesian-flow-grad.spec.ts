import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { Rng, selectBackend } from '@hepuq/core';
import { NoiseSource } from '../random/noise-source.js';
import { softplusInverse } from '../variational/gaussian-kl.js';
import { BayesianFlow, type FlowArchitecture } from './bayesian-flow.js';

const ARCH: FlowArchitecture = { dims: 2, conditions: 0, couplings: 3, hidden: [8], activation: 'tanh', transform: 'rq', bins: 4, bound: 4 };

/**
 * The training pass's gradient is the whole gradient of log p(u): from the second coupling on, a
 * subnet reads columns that earlier couplings transformed, so an earlier coupling's parameters act
 * through that input too. With posterior widths of 1e-6 the training pass is the mean network up to
 * 1e-6, so its gradient must equal tfjs autodiff of `drawLogProb` at theta = mu (op by op, no custom
 * gradients in the subnets).
 */
describe('Bayesian flow: the training gradient flows through the couplings', () => {
  beforeAll(async () => {
    await selectBackend();
  });

  for (const transform of ['rq', 'affine'] as const) for (const layer of ['local', 'reparam'] as const) {
    it(`${transform} couplings, ${layer}: d log p / d mu equals autodiff of the mean network's log p`, () => {
      const arch = { ...ARCH, transform };
      const rng = new Rng(7);
      const probe = BayesianFlow.create(arch, rng, { priorSigma: 1, initSigma: 1e-6, layer });
      const p = probe.q.size;
      probe.dispose();
      // random means everywhere (create() zeroes the last layers, which would hide the input path)
      const mu = Float32Array.from({ length: p }, () => rng.normal(0, 0.4));
      const flow = BayesianFlow.fromFlat(arch, mu, new Float32Array(p).fill(softplusInverse(1e-6)), { priorSigma: 1, initSigma: 1e-6, layer });
      const u = tf.tensor2d(Float32Array.from({ length: 64 }, () => rng.normal(0, 1)), [32, 2]);
      const muT = tf.tensor1d(mu);
      tf.tidy(() => {
        const { grads } = tf.variableGrads(() => tf.sum(flow.trainLogProb(u, null, new NoiseSource(new Rng(3))).logProb) as tf.Scalar, flow.trainables);
        const got = grads[flow.trainables[0].name].slice(0, p).dataSync();
        const want = tf.grad((m: tf.Tensor) => tf.sum(flow.drawLogProb(u, null, tf.split(m, flow.sizes) as tf.Tensor1D[])))(muT).dataSync();
        let scale = 0;
        for (const v of want) scale = Math.max(scale, Math.abs(v));
        // float32 sums over 32 events and three couplings: ~1e-6 of the largest element; widths 1e-6 add as much
        let worst = 0;
        for (let j = 0; j < p; j++) worst = Math.max(worst, Math.abs(got[j] - want[j]) / scale);
        expect(worst).toBeLessThan(1e-4);
        // the first coupling's parameters act on log p through the later subnets' inputs too
        const first = flow.sizes[0];
        expect(want.slice(0, first).some((v) => Math.abs(v) > 1e-3 * scale)).toBe(true);
      });
      tf.dispose([u, muT]);
      flow.dispose();
    });
  }
});
