import { describe, expect, it } from 'vitest';
import { Rng } from '@hepuq/core';
import { nuisanceEntropy } from './nuisance-entropy.js';

const ones = (n: number) => new Float32Array(n).fill(1);

describe('nuisanceEntropy', () => {
  it('gives the exact Shannon entropy of discrete Z, weighted', () => {
    const zv = Float32Array.from({ length: 400 }, (_, i) => (i % 4 === 0 ? -1 : 1));
    // p = (1/4, 3/4): H = -(1/4 ln 1/4 + 3/4 ln 3/4) = 0.5623
    const h = nuisanceEntropy(zv, ones(400));
    expect(h.kind).toBe('discrete');
    expect(h.value).toBeCloseTo(-(0.25 * Math.log(0.25) + 0.75 * Math.log(0.75)), 12);
    expect(h.error).toBeGreaterThan(0);
    // weight 3 on the -1 events makes the classes equal: H = ln 2
    const w = Float32Array.from(zv, (v) => (v === -1 ? 3 : 1));
    expect(nuisanceEntropy(zv, w).value).toBeCloseTo(Math.LN2, 12);
    // five equally likely values: ln 5
    expect(nuisanceEntropy(Float32Array.from({ length: 50 }, (_, i) => i % 5), ones(50)).value).toBeCloseTo(Math.log(5), 12);
  });

  it('gives 1/2 ln(2 pi e sigma^2) for Gaussian Z with one or several components', () => {
    const n = 20_000;
    const rng = new Rng(9);
    const zv = rng.normalArray(n, 0.3, 2);
    const exact = 0.5 * Math.log(2 * Math.PI * Math.E * 4);
    // the in-sample NLL at the MLE is 1/2 ln(2 pi e s^2) with s^2 the sample variance, whose relative std is
    // sqrt(2/n) = 0.01, so the value has std 0.005; allow 0.02 (4 std)
    for (const components of [1, 3]) {
      const h = nuisanceEntropy(zv, ones(n), { components });
      expect(h.kind).toBe('continuous');
      expect(Math.abs(h.value - exact), `K=${components}`).toBeLessThan(0.02);
      // the error is the std of the per-event NLL over sqrt(n): sqrt(1/2) / sqrt(n) = 0.005
      expect(h.error).toBeCloseTo(Math.SQRT1_2 / Math.sqrt(n), 3);
    }
  });

  it('needs enough components for a bimodal Z', () => {
    const n = 20_000;
    const rng = new Rng(10);
    const zv = Float32Array.from({ length: n }, (_, i) => rng.normal(i % 2 ? 5 : -5, 0.5));
    // two separated N(+-5, 0.5): H = ln 2 + 1/2 ln(2 pi e 0.25) = 0.7258; one Gaussian of variance 25.25 gives 3.03
    const two = nuisanceEntropy(zv, ones(n), { components: 2 });
    const one = nuisanceEntropy(zv, ones(n), { components: 1 });
    expect(Math.abs(two.value - (Math.LN2 + 0.5 * Math.log(2 * Math.PI * Math.E * 0.25)))).toBeLessThan(0.02);
    expect(Math.abs(one.value - 0.5 * Math.log(2 * Math.PI * Math.E * 25.25))).toBeLessThan(0.02);
  });

  it('rejects bad input', () => {
    expect(() => nuisanceEntropy(Float32Array.of(1, 2), Float32Array.of(1))).toThrow(/must match/);
    expect(() => nuisanceEntropy(Float32Array.of(1, 2), Float32Array.of(0, 0))).toThrow(/positive weight sum/);
    expect(() => nuisanceEntropy(Float32Array.of(1, 2), ones(2), { components: 0 })).toThrow(/options: components/);
  });
});
