import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { ACTIVATIONS, applyActivation, type Activation } from '../activation.js';
import { philox4x32, philoxNormals, type PhiloxStream } from '../random/philox.js';
import { expectClose, kernelsRun, seededTensor, useWasmKernels } from '../spec-helpers.js';
import { HEPUQ_PHILOX_NORMAL, philoxNormal } from './philox-normal.kernel.js';
import { HEPUQ_VARIATIONAL_DENSE, HEPUQ_VARIATIONAL_DENSE_BACKWARD, variationalDense } from './variational-dense.kernel.js';

// Tolerance of layer values and gradients: as for the fused dense kernel (its spec), float32 sums of
// k <= 64 (forward, dh) or n <= 256 (weight gradients) products in another order than XNNPACK's,
// ~1e-6 max|ref|; the noise term sqrt(v) eps and dz/dv = eps / (2 sqrt v) add a few ulp (sqrt, one
// division). 1e-5 max|ref| is 10x that and far below any real error (a wrong index or a missing
// term is O(max|ref|)).
const RTOL = 1e-5;


// [n, k, m]: every gemm tile path, batch 1, one unit, n m not a multiple of 4 (a partial Philox block)
const SHAPES: [number, number, number][] = [[256, 64, 64], [256, 4, 64], [1, 20, 64], [7, 13, 5], [5, 3, 1], [33, 9, 17], [2, 1, 3]];

const STREAM: PhiloxStream = { key0: 0x1234_5678, key1: 0x9abc_def0, stream: 3, substream: 1 };

type Layer = [tf.Tensor2D, tf.Tensor2D, tf.Tensor1D, tf.Tensor2D, tf.Tensor1D];

/** h, W_mu, b_mu and variances S in [0.0025, 0.04], s in [1e-4, 0.01] (posterior widths 0.05-0.2 and 0.01-0.1). */
function layer([n, k, m]: [number, number, number], seed: number): Layer {
  return tf.tidy(() => [
    seededTensor([n, k], seed, 2) as tf.Tensor2D,
    seededTensor([k, m], seed + 1, 2 / Math.sqrt(k)) as tf.Tensor2D,
    seededTensor([m], seed + 2, 0.5) as tf.Tensor1D,
    tf.square(tf.add(seededTensor([k, m], seed + 3, 0.075), 0.125)) as tf.Tensor2D,
    tf.square(tf.add(seededTensor([m], seed + 4, 0.045), 0.055)) as tf.Tensor1D,
  ]);
}

/** The unfused tfjs computation with the stream's eps from the TypeScript generator. */
function reference([h, wMu, bMu, wS2, bS2]: tf.Tensor[], stream: PhiloxStream, activation: Activation): tf.Tensor2D {
  const [n, m] = [h.shape[0], (wMu as tf.Tensor2D).shape[1]];
  const eps = tf.tensor2d(philoxNormals(n * m, stream), [n, m]);
  const z = tf.add(tf.add(tf.matMul(h as tf.Tensor2D, wMu as tf.Tensor2D), bMu), tf.mul(tf.sqrt(tf.add(tf.matMul(tf.square(h) as tf.Tensor2D, wS2 as tf.Tensor2D), bS2)), eps));
  return applyActivation(z, activation) as tf.Tensor2D;
}

const ours = (stream: PhiloxStream, activation: Activation) => ([h, wMu, bMu, wS2, bS2]: tf.Tensor[]) =>
  variationalDense(h as tf.Tensor2D, wMu as tf.Tensor2D, bMu as tf.Tensor1D, wS2 as tf.Tensor2D, bS2 as tf.Tensor1D, stream, { activation });

/** tf.grads of sum(r * f(inputs)) in all five inputs. */
function gradsOf(f: (t: tf.Tensor[]) => tf.Tensor, inputs: tf.Tensor[], r: tf.Tensor): tf.Tensor[] {
  return tf.grads((...t: tf.Tensor[]) => tf.sum(tf.mul(f(t), r)))(inputs);
}

describe('Philox4x32-10 normals', () => {
  beforeAll(useWasmKernels);

  it('the TypeScript Philox gives the Random123 known answers', () => {
    const hex = (c: number[], k0: number, k1: number) => Array.from(philox4x32(c, k0, k1, new Uint32Array(4)), (x) => x.toString(16).padStart(8, '0')).join(' ');
    expect(hex([0, 0, 0, 0], 0, 0)).toBe('6627e8d5 e169c58d bc57ac4c 9b00dbd8');
    expect(hex([0xffffffff, 0xffffffff, 0xffffffff, 0xffffffff], 0xffffffff, 0xffffffff)).toBe('408f276d 41c83b0e a20bc7c6 6d5451fd');
    expect(hex([0x243f6a88, 0x85a308d3, 0x13198a2e, 0x03707344], 0xa4093822, 0x299f31d0)).toBe('d16cfe09 94fdcceb 5001e420 24126ea1');
  });

  for (const count of [1, 2, 3, 5, 64, 1001]) {
    // both run the same f64 operations (IEEE-exact in JavaScript and wasm alike; no library log or
    // sin) and round once to f32, so they agree bit for bit, not just to float tolerance
    it(`wasm draws equal the TypeScript generator's bit for bit (${count} draws)`, async () => {
      expect(await kernelsRun(() => philoxNormal([count], STREAM))).toEqual([HEPUQ_PHILOX_NORMAL]);
      const got = philoxNormal([count], STREAM);
      expect(got.dataSync()).toEqual(philoxNormals(count, STREAM));
      got.dispose();
    });
  }

  it('10^5 draws have N(0, 1) moments and pass a Kolmogorov-Smirnov test', () => {
    const n = 100_000;
    const z = philoxNormal([n], { key0: 2026, key1: 12, stream: 4 });
    const x = Float64Array.from(z.dataSync()).sort();
    z.dispose();
    const mean = x.reduce((a, b) => a + b, 0) / n;
    const central = (p: number) => x.reduce((a, b) => a + (b - mean) ** p, 0) / n;
    const variance = central(2);
    // standard errors at n = 1e5: mean 1/sqrt(n) = 0.0032, variance sqrt(2/n) = 0.0045, skewness
    // sqrt(6/n) = 0.0077, excess kurtosis sqrt(24/n) = 0.015; we allow 5 standard errors (p ~ 6e-7 each)
    expect(Math.abs(mean)).toBeLessThan(0.016);
    expect(Math.abs(variance - 1)).toBeLessThan(0.022);
    expect(Math.abs(central(3) / variance ** 1.5)).toBeLessThan(0.039);
    expect(Math.abs(central(4) / variance ** 2 - 3)).toBeLessThan(0.078);
    // KS: sup |F_n - Phi|; P(sqrt(n) D > 1.95) = 0.001, so D < 1.95 / sqrt(n) = 0.0062
    let d = 0;
    for (let i = 0; i < n; i++) {
      const phi = normalCdf(x[i]);
      d = Math.max(d, Math.abs(phi - i / n), Math.abs(phi - (i + 1) / n));
    }
    expect(d).toBeLessThan(1.95 / Math.sqrt(n));
  });

  it('is a pure function of (key, stream, substream): reproducible, and distinct streams are uncorrelated', () => {
    const n = 40_000;
    const draw = (s: PhiloxStream) => {
      const t = philoxNormal([n], s);
      const v = Float32Array.from(t.dataSync());
      t.dispose();
      return v;
    };
    const base = draw(STREAM);
    expect(draw({ ...STREAM })).toEqual(base);
    // a prefix of a longer draw is the shorter draw: draw j depends on j only
    expect(philoxNormals(10, STREAM)).toEqual(philoxNormals(1001, STREAM).subarray(0, 10));
    // correlation of independent draws has standard error 1/sqrt(n) = 0.005; 5 of them allowed
    for (const other of [{ ...STREAM, key0: STREAM.key0 + 1 }, { ...STREAM, key1: 0 }, { ...STREAM, stream: 4 }, { ...STREAM, substream: 2 }]) {
      const o = draw(other);
      let c = 0;
      for (let j = 0; j < n; j++) c += base[j] * o[j];
      expect(Math.abs(c / n), JSON.stringify(other)).toBeLessThan(0.025);
    }
  });
});

describe('HepuqVariationalDense on the wasm backend', () => {
  beforeAll(useWasmKernels);

  it('runs as one kernel forward and one backward', async () => {
    const inputs = layer([8, 4, 8], 1);
    const r = seededTensor([8, 8], 9);
    const names = await kernelsRun(() => gradsOf(ours(STREAM, 'relu'), inputs, r));
    expect(names).toContain(HEPUQ_VARIATIONAL_DENSE);
    expect(names).toContain(HEPUQ_VARIATIONAL_DENSE_BACKWARD);
    expect(names).not.toContain('BatchMatMul');
    tf.dispose([...inputs, r]);
  });

  for (const activation of ACTIVATIONS) {
    for (const shape of SHAPES) {
      it(`${activation} [${shape}]: forward and tf.grads equal the unfused tfjs ops on the same eps`, () => {
        const seed = shape[0] * 1000 + shape[1] * 10 + shape[2];
        const inputs = layer(shape, seed);
        const r = seededTensor([shape[0], shape[2]], seed + 5);
        const stream = { key0: seed, key1: 7, stream: ACTIVATIONS.indexOf(activation) };
        tf.tidy(() => {
          expectClose(ours(stream, activation)(inputs), reference(inputs, stream, activation), RTOL, 'a');
          const got = gradsOf(ours(stream, activation), inputs, r);
          const want = gradsOf((t) => reference(t, stream, activation), inputs, r);
          ['dh', 'dW_mu', 'db_mu', 'dS', 'ds'].forEach((name, i) => expectClose(got[i], want[i], RTOL, name));
        });
        tf.dispose([...inputs, r]);
      });
    }
  }

  it('with inputGrad false: the same weight gradients, and h a constant (zero gradient)', () => {
    const inputs = layer([37, 11, 6], 3);
    const [h, ...weights] = inputs;
    const r = seededTensor([37, 6], 4);
    tf.tidy(() => {
      const f = (w: tf.Tensor[]) => tf.sum(tf.mul(variationalDense(h, w[0] as tf.Tensor2D, w[1] as tf.Tensor1D, w[2] as tf.Tensor2D, w[3] as tf.Tensor1D, STREAM, { activation: 'tanh', inputGrad: false }), r));
      const got = tf.grads((...w: tf.Tensor[]) => f(w))(weights);
      const want = gradsOf(ours(STREAM, 'tanh'), inputs, r).slice(1);
      got.forEach((g, i) => expectClose(g, want[i], RTOL, `grad ${i}`));
      const dh = tf.grad((x: tf.Tensor) => tf.sum(variationalDense(x as tf.Tensor2D, weights[0] as tf.Tensor2D, weights[1] as tf.Tensor1D, weights[2] as tf.Tensor2D, weights[3] as tf.Tensor1D, STREAM, { inputGrad: false })))(h);
      expect(tf.max(tf.abs(dh)).dataSync()[0]).toBe(0);
    });
    tf.dispose([...inputs, r]);
  });

  it('zero variances give the deterministic dense layer; a stream reproduces, another stream differs', () => {
    const [h, wMu, bMu, wS2, bS2] = layer([19, 10, 9], 5);
    tf.tidy(() => {
      const zero = variationalDense(h, wMu, bMu, tf.zerosLike(wS2), tf.zerosLike(bS2), STREAM, { activation: 'elu' });
      expectClose(zero, applyActivation(tf.add(tf.matMul(h, wMu), bMu), 'elu'), RTOL, 'sigma = 0');
      const a = variationalDense(h, wMu, bMu, wS2, bS2, STREAM).dataSync();
      expect(variationalDense(h, wMu, bMu, wS2, bS2, { ...STREAM }).dataSync()).toEqual(a);
      expect(variationalDense(h, wMu, bMu, wS2, bS2, { ...STREAM, substream: 2 }).dataSync()).not.toEqual(a);
    });
    tf.dispose([h, wMu, bMu, wS2, bS2]);
  });

  it('leaks no tensors over many forward and backward calls', () => {
    const inputs = layer([19, 10, 9], 3);
    const r = seededTensor([19, 9], 4);
    const step = (i: number) => tf.tidy(() => gradsOf(ours({ key0: i, key1: 1 }, 'relu'), inputs, r));
    tf.dispose(step(0));
    const before = tf.memory();
    for (let i = 1; i <= 200; i++) tf.dispose(step(i));
    expect(tf.memory().numTensors).toBe(before.numTensors);
    expect(tf.memory().numBytes).toBe(before.numBytes);
    tf.dispose([...inputs, r]);
  });

  it('rejects shapes that do not fit', () => {
    const [h, wMu, bMu, wS2, bS2] = layer([4, 3, 2], 5);
    expect(() => variationalDense(h, wMu, bMu, tf.transpose(wS2), bS2, STREAM)).toThrow(/do not fit/);
    expect(() => variationalDense(h, tf.transpose(wMu), bMu, wS2, bS2, STREAM)).toThrow(/do not fit/);
    tf.dispose([h, wMu, bMu, wS2, bS2]);
  });

  it('the cpu fallback gives the same layer and gradients as the wasm kernel', async () => {
    const shape: [number, number, number] = [33, 9, 17];
    const arrays = (ts: tf.Tensor[]) => ts.map((t) => ({ shape: t.shape, data: Float32Array.from(t.dataSync()) }));
    const inputs = layer(shape, 21);
    const r = seededTensor([33, 17], 22);
    const onWasm = tf.tidy(() => arrays([ours(STREAM, 'sigmoid')(inputs), ...gradsOf(ours(STREAM, 'sigmoid'), inputs, r)]));
    const saved = arrays([...inputs, r]);
    tf.dispose([...inputs, r]);
    await tf.setBackend('cpu');
    try {
      tf.tidy(() => {
        const [h, wMu, bMu, wS2, bS2, rc] = saved.map((a) => tf.tensor(a.data, a.shape));
        const cpu = [ours(STREAM, 'sigmoid')([h, wMu, bMu, wS2, bS2]), ...gradsOf(ours(STREAM, 'sigmoid'), [h, wMu, bMu, wS2, bS2], rc)];
        expect(tf.engine().backendName).toBe('cpu');
        cpu.forEach((t, i) => expectClose(t, tf.tensor(onWasm[i].data, onWasm[i].shape), RTOL, `output ${i}`));
      });
    } finally {
      await tf.setBackend('wasm');
    }
  });
});

/** The standard normal CDF Phi(x) = erfc(-x / sqrt 2) / 2. */
function normalCdf(x: number): number {
  return 0.5 * erfc(-x / Math.SQRT2);
}

/** erfc with relative error < 1.2e-7 (Numerical Recipes' erfcc, Chebyshev fit) — far below the KS resolution 1/n = 1e-5. */
function erfc(x: number): number {
  const z = Math.abs(x);
  const t = 1 / (1 + 0.5 * z);
  const r = t * Math.exp(-z * z - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418 + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))));
  return x >= 0 ? r : 2 - r;
}
