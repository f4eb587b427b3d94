import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { expectClose, kernelsRun, seededTensor, useWasmKernels } from '../spec-helpers.js';
import { gaussianNll, HEPUQ_GAUSSIAN_NLL } from './gaussian-nll.kernel.js';

// Tolerance: the kernel sums the n*T terms in f64 and rounds once; tfjs's mean sums them in float32,
// erring by ~ u sqrt(nT) * (largest partial sum) <= 6e-8 * 28 * |loss| ~ 2e-6 |loss| for nT = 768.
// Each gradient entry is a few float32 operations against f64 ones: a few ulp. 1e-5 covers both
// with a 5x margin.
const RTOL = 1e-5;

/** `@hepuq/nn`'s diagGaussianNll written out with plain ops (the unfused reference). */
function reference(y: tf.Tensor, mu: tf.Tensor, logSigma: tf.Tensor, w: tf.Tensor): tf.Scalar {
  const perTarget = tf.add(tf.mul(tf.square(tf.sub(y, mu)), tf.mul(0.5, tf.exp(tf.mul(-2, logSigma)))), logSigma);
  const perEvent = tf.sum(perTarget, -1);
  return tf.mean(tf.mul(perEvent, tf.reshape(w, perEvent.shape)));
}

describe('HepuqGaussianNll on the wasm backend', () => {
  beforeAll(useWasmKernels);

  for (const [n, t] of [[256, 1], [256, 3], [1, 1], [7, 2], [5, 5]]) {
    it(`[${n}, ${t}]: loss and tf.grads (mu, logSigma, y, w) equal the unfused tfjs ops`, async () => {
      const y = seededTensor([n, t], n + t, 2) as tf.Tensor2D;
      const mu = seededTensor([n, t], n + t + 1, 2) as tf.Tensor2D;
      const logSigma = seededTensor([n, t], n + t + 2, 1.5) as tf.Tensor2D;
      const w = tf.add(seededTensor([n], n + t + 3, 0.9), 1); // weights in (0.1, 1.9)
      const names = await kernelsRun(() => gaussianNll(y, mu, logSigma, w));
      expect(names).toContain(HEPUQ_GAUSSIAN_NLL);
      tf.tidy(() => {
        expectClose(gaussianNll(y, mu, logSigma, w), reference(y, mu, logSigma, w), RTOL, 'loss');
        const f = (nll: typeof reference) => (a: tf.Tensor, b: tf.Tensor, c: tf.Tensor, d: tf.Tensor) => tf.mul(nll(c, a, b, d), 3);
        const got = tf.grads(f(gaussianNll as typeof reference))([mu, logSigma, y, w]);
        const want = tf.grads(f(reference))([mu, logSigma, y, w]);
        ['dmu', 'dlogSigma', 'dy', 'dw'].forEach((name, i) => expectClose(got[i], want[i], RTOL, name));
        expectClose(gaussianNll(y, mu, logSigma), reference(y, mu, logSigma, tf.onesLike(w)), RTOL, 'unweighted loss');
      });
      tf.dispose([y, mu, logSigma, w]);
    });
  }

  it('leaks no tensors (forward alone and under tf.grads)', () => {
    const [y, mu, s] = [1, 2, 3].map((k) => seededTensor([9, 2], k) as tf.Tensor2D);
    const step = () => {
      tf.dispose(gaussianNll(y, mu, s));
      tf.dispose(tf.grads((a: tf.Tensor, b: tf.Tensor) => gaussianNll(y, a as tf.Tensor2D, b as tf.Tensor2D))([mu, s]));
    };
    step();
    const before = tf.memory().numTensors;
    for (let i = 0; i < 100; i++) step();
    expect(tf.memory().numTensors).toBe(before);
    tf.dispose([y, mu, s]);
  });

  it('rejects shapes that do not fit', () => {
    const a = tf.zeros([4, 2]) as tf.Tensor2D, b = tf.zeros([4, 1]) as tf.Tensor2D;
    expect(() => gaussianNll(a, a, b)).toThrow(/do not fit/);
    expect(() => gaussianNll(a, a, a, tf.zeros([3]))).toThrow(/do not fit/);
    tf.dispose([a, b]);
  });
});
