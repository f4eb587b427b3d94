import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { expectClose, kernelsRun, seededTensor, useWasmKernels } from '../spec-helpers.js';
import { HEPUQ_MEAN_FIELD_TERMS, HEPUQ_MEAN_FIELD_TERMS_BACKWARD, meanFieldTerms } from './mean-field-terms.kernel.js';

// Tolerance: elementwise softplus, square and sigmoid differ from tfjs's by ~1 ulp (AssemblyScript's
// musl exp/log1p ports vs XNNPACK's); the KL sums P <= 4.5e3 terms, in f64 here and in float32 by
// tfjs (error ~ u sqrt(P) |KL| ~ 4e-6 |KL|). 1e-5 of the largest value allows both and catches any
// real error (a missing term or a wrong piece is O(1) of it).
const RTOL = 1e-5;

const SHAPES = [[4, 64], [64], [64, 64], [64], [64, 2], [2]];
const ODD = [[3, 5], [5], [5, 1], [1]];

/** The packed [mu; rho] for pieces `shapes`: mu in (-0.5, 0.5), rho in (-7, 1) (sigma 1e-3 to 1.3). */
function packed(shapes: number[][], seed: number): tf.Tensor1D {
  const p = shapes.reduce((a, s) => a + s.reduce((x, y) => x * y, 1), 0);
  return tf.tidy(() => tf.concat([seededTensor([p], seed, 0.5), tf.sub(seededTensor([p], seed + 1, 4), 3)]) as tf.Tensor1D);
}

/** The same quantities with plain tfjs ops (autodiff differentiates it). */
function reference(params: tf.Tensor1D, shapes: number[][], priorSigma: number) {
  const [mu, rho] = tf.split(params, 2);
  const sigma = tf.softplus(rho);
  const s2 = tf.square(sigma);
  const p = mu.size;
  const kl = tf.add(tf.sub(tf.mul(tf.sum(tf.add(s2, tf.square(mu))), 0.5 / priorSigma ** 2), tf.sum(tf.log(sigma))), p * (Math.log(priorSigma) - 0.5));
  const sizes = shapes.map((s) => s.reduce((a, b) => a * b, 1));
  return { mu: tf.split(mu, sizes).map((t, i) => t.reshape(shapes[i])), s2: tf.split(s2, sizes).map((t, i) => t.reshape(shapes[i])), kl };
}

/** A loss using every output: sum_i <a_i, mu_i> + <b_i, s2_i> + c KL. */
function lossOf(terms: { mu: tf.Tensor[]; s2: tf.Tensor[]; kl: tf.Tensor }, weights: tf.Tensor[]): tf.Scalar {
  const k = terms.mu.length;
  const parts = [...terms.mu.map((t, i) => tf.sum(tf.mul(t, weights[i]))), ...terms.s2.map((t, i) => tf.sum(tf.mul(t, weights[k + i]))), tf.mul(terms.kl, 0.37)];
  return tf.addN(parts) as tf.Scalar;
}

describe('HepuqMeanFieldTerms on the wasm backend', () => {
  beforeAll(useWasmKernels);

  it('runs as one kernel forward and one backward', async () => {
    const params = packed(ODD, 1);
    const weights = [...ODD, ...ODD].map((s, i) => seededTensor(s, 10 + i));
    const names = await kernelsRun(() => tf.grad((x: tf.Tensor) => lossOf(meanFieldTerms(x as tf.Tensor1D, ODD, 1), weights))(params));
    expect(names).toContain(HEPUQ_MEAN_FIELD_TERMS);
    expect(names).toContain(HEPUQ_MEAN_FIELD_TERMS_BACKWARD);
    expect(names).not.toContain('SplitV');
    tf.dispose([params, ...weights]);
  });

  for (const [shapes, priorSigma] of [[SHAPES, 1], [ODD, 0.1], [ODD, 30]] as const) {
    it(`pieces [${shapes.map((s) => `[${s}]`)}], prior ${priorSigma}: values and gradient equal the tfjs ops`, () => {
      const pieces = shapes.map((s) => [...s]);
      const params = packed(pieces, 3);
      const weights = [...pieces, ...pieces].map((s, i) => seededTensor(s, 20 + i));
      tf.tidy(() => {
        const got = meanFieldTerms(params, pieces, priorSigma), want = reference(params, pieces, priorSigma);
        got.mu.forEach((t, i) => expectClose(t, want.mu[i], 0, `mu ${i}`));
        got.s2.forEach((t, i) => expectClose(t, want.s2[i], RTOL, `s2 ${i}`));
        expectClose(got.kl, want.kl, RTOL, 'kl');
        const g = tf.grad((x: tf.Tensor) => lossOf(meanFieldTerms(x as tf.Tensor1D, pieces, priorSigma), weights))(params);
        const r = tf.grad((x: tf.Tensor) => lossOf(reference(x as tf.Tensor1D, pieces, priorSigma), weights))(params);
        expectClose(g, r, RTOL, 'd params');
      });
      tf.dispose([params, ...weights]);
    });
  }

  it('leaks no tensors over many steps and rejects a params vector of the wrong size', () => {
    const params = packed(ODD, 5);
    const weights = [...ODD, ...ODD].map((s, i) => seededTensor(s, 30 + i));
    const step = () => tf.tidy(() => tf.grad((x: tf.Tensor) => lossOf(meanFieldTerms(x as tf.Tensor1D, ODD, 1), weights))(params));
    tf.dispose(step());
    const before = tf.memory().numTensors;
    for (let i = 0; i < 100; i++) tf.dispose(step());
    expect(tf.memory().numTensors).toBe(before);
    expect(() => meanFieldTerms(params, SHAPES, 1)).toThrow(/not \[mu; rho\]/);
    tf.dispose([params, ...weights]);
  });

  it('each element is within a few float32 ulps of float64 over rho in [-15, 15] (the f32x4 exp, log and log1p)', () => {
    // 1001 parameters (not a multiple of 4: the scalar tail too), rho on a grid over [-15, 15]
    const n = 1001, priorSigma = 0.7;
    const mu = Float32Array.from({ length: n }, (_, j) => Math.fround(Math.sin(j) * 0.4));
    const rho = Float32Array.from({ length: n }, (_, j) => Math.fround(-15 + (30 * j) / (n - 1)));
    const b = Float32Array.from({ length: n }, (_, j) => Math.fround(Math.cos(3 * j)));
    const softplus = (r: number) => Math.max(r, 0) + Math.log1p(Math.exp(-Math.abs(r)));
    tf.tidy(() => {
      const params = tf.tensor1d([...mu, ...rho]);
      const t = meanFieldTerms(params, [[n]], priorSigma);
      const s2 = t.s2[0].dataSync();
      let kl = 0;
      for (let j = 0; j < n; j++) {
        const sigma = softplus(rho[j]);
        // float32 rounding of sigma^2 alone is 6e-8; the polynomials add a few ulps
        expect(Math.abs(s2[j] / (sigma * sigma) - 1), `s2 at rho ${rho[j]}`).toBeLessThan(5e-7);
        kl += Math.log(priorSigma) - Math.log(sigma) + (sigma * sigma + mu[j] * mu[j]) / (2 * priorSigma ** 2) - 0.5;
      }
      expect(Math.abs(t.kl.dataSync()[0] / kl - 1)).toBeLessThan(1e-6);
      // d/d rho of sum b s2 + 0.3 KL = [2 sigma b + 0.3 (sigma / s_p^2 - 1 / sigma)] sigmoid(rho)
      const g = tf.grad((x: tf.Tensor) => {
        const u = meanFieldTerms(x as tf.Tensor1D, [[n]], priorSigma);
        return tf.add(tf.sum(tf.mul(u.s2[0], tf.tensor1d(b))), tf.mul(u.kl, 0.3)) as tf.Scalar;
      })(params).dataSync();
      for (let j = 0; j < n; j++) {
        const sigma = softplus(rho[j]);
        const want = (2 * sigma * b[j] + 0.3 * (sigma / priorSigma ** 2 - 1 / sigma)) / (1 + Math.exp(-rho[j]));
        // relative to the larger of its two terms (they cancel where 2 sigma b ~ 0.3 / sigma)
        const scale = (Math.abs(2 * sigma * b[j]) + 0.3 * (sigma / priorSigma ** 2 + 1 / sigma)) / (1 + Math.exp(-rho[j]));
        expect(Math.abs(g[n + j] - want) / scale, `d rho at ${rho[j]}`).toBeLessThan(1e-6);
      }
    });
  });
});
