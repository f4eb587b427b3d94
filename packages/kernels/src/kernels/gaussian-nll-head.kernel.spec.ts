import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { expectClose, kernelsRun, seededTensor, useWasmKernels } from '../spec-helpers.js';
import { gaussianNllHead, HEPUQ_GAUSSIAN_NLL_HEAD, type LogSigmaSoftBound } from './gaussian-nll-head.kernel.js';

// Tolerance as for HepuqGaussianNll (its spec): f64 sum vs tfjs's float32 sum of nT <= 768 terms
// (~2e-6 relative) and a few float32 operations per gradient entry, 1e-5 with a 5x margin. The soft
// bound adds two softplus and two sigmoid evaluations, ~1 ulp each in float32.
const RTOL = 1e-5;
// @hepuq/nn's LOG_SIGMA_MIN/MAX (not imported: kernels must not depend on nn)
const BOUND: LogSigmaSoftBound = { lo: Math.log(1e-3), hi: Math.log(1e3) };

/** `@hepuq/nn`'s diagGaussianNll(y, mu, softBound(raw)) with plain ops. */
function reference(y: tf.Tensor, head: tf.Tensor, w: tf.Tensor, bound?: LogSigmaSoftBound): tf.Scalar {
  const t = head.shape[1]! / 2;
  const mu = tf.slice(head, [0, 0], [-1, t]), raw = tf.slice(head, [0, t], [-1, t]);
  const s = bound ? tf.add(bound.lo, tf.softplus(tf.sub(tf.sub(bound.hi, tf.softplus(tf.sub(bound.hi, raw))), bound.lo))) : raw;
  const perTarget = tf.add(tf.mul(tf.square(tf.sub(y, mu)), tf.mul(0.5, tf.exp(tf.mul(-2, s)))), s);
  return tf.mean(tf.mul(tf.sum(perTarget, -1), tf.reshape(w, [-1])));
}

describe('HepuqGaussianNllHead on the wasm backend', () => {
  beforeAll(useWasmKernels);

  for (const bound of [undefined, BOUND]) {
    for (const [n, t] of [[256, 1], [256, 3], [1, 1], [7, 2]]) {
      it(`[${n}, ${2 * t}] head ${bound ? 'soft-bounded' : 'raw'}: loss and tf.grads (head, y, w) equal the unfused tfjs ops`, async () => {
        const y = seededTensor([n, t], n + t, 2) as tf.Tensor2D;
        // raw log sigmas over (-10, 10): past both bounds, so the bound's slope is tested where it bends
        const head = tf.concat([seededTensor([n, t], n + t + 1, 2), seededTensor([n, t], n + t + 2, 10)], 1) as tf.Tensor2D;
        const w = tf.add(seededTensor([n], n + t + 3, 0.9), 1);
        expect(await kernelsRun(() => gaussianNllHead(y, head, w, bound))).toContain(HEPUQ_GAUSSIAN_NLL_HEAD);
        tf.tidy(() => {
          expectClose(gaussianNllHead(y, head, w, bound), reference(y, head, w, bound), RTOL, 'loss');
          const got = tf.grads((a: tf.Tensor, b: tf.Tensor, c: tf.Tensor) => tf.mul(gaussianNllHead(b as tf.Tensor2D, a as tf.Tensor2D, c, bound), 3))([head, y, w]);
          const want = tf.grads((a: tf.Tensor, b: tf.Tensor, c: tf.Tensor) => tf.mul(reference(b, a, c, bound), 3))([head, y, w]);
          ['dhead', 'dy', 'dw'].forEach((name, i) => expectClose(got[i], want[i], RTOL, name));
        });
        tf.dispose([y, head, w]);
      });
    }
  }

  it('with a norm: the weighted sum over norm, and each gradient row the same bits whichever rows share the call', () => {
    const y = seededTensor([12, 2], 11) as tf.Tensor2D, head = seededTensor([12, 4], 12) as tf.Tensor2D, w = tf.add(seededTensor([12], 13, 0.5), 1);
    tf.tidy(() => {
      expectClose(gaussianNllHead(y, head, w, BOUND, 4), tf.mul(reference(y, head, w, BOUND), 12 / 4), RTOL, 'loss');
      const grad = (rows: number) => tf.grad((a: tf.Tensor) => gaussianNllHead(y.slice(0, rows), a as tf.Tensor2D, w.slice(0, rows), BOUND, 4))(head.slice(0, rows));
      // as stacked ensemble members: 3 members of 4 events, or the first member alone
      expect(Array.from(grad(4).dataSync())).toEqual(Array.from(grad(12).slice(0, 4).dataSync()));
    });
    expect(() => gaussianNllHead(y, head, w, BOUND, 0)).toThrow(/norm 0/);
    tf.dispose([y, head, w]);
  });

  it('leaks no tensors and rejects heads that do not fit', () => {
    const y = seededTensor([9, 1], 1) as tf.Tensor2D, head = seededTensor([9, 2], 2) as tf.Tensor2D;
    const step = () => tf.dispose(tf.grads((a: tf.Tensor) => gaussianNllHead(y, a as tf.Tensor2D, undefined, BOUND))([head]));
    step();
    const before = tf.memory().numTensors;
    for (let i = 0; i < 100; i++) step();
    expect(tf.memory().numTensors).toBe(before);
    expect(() => gaussianNllHead(y, seededTensor([9, 3], 3) as tf.Tensor2D)).toThrow(/do not fit/);
    expect(() => gaussianNllHead(y, head, undefined, { lo: 1, hi: 0 })).toThrow(/do not fit/);
    tf.dispose([y, head]);
  });
});
