import { Rng } from '@hepuq/core';
import { describe, expect, it } from 'vitest';
import { gaussianSample, identityCov } from '../toys/gaussian-toys.js';
import { w1Marginals, wasserstein1 } from './wasserstein.metric.js';

describe('wasserstein1', () => {
  it('equals the shift for a translated sample and handles ties and unequal sizes', () => {
    const a = new Float64Array([0, 1, 1, 3]);
    expect(wasserstein1(a, a.map((x) => x + 0.5))).toBeCloseTo(0.5, 12);
    // F_a - F_b: on [0, 1) 1/2 - 0, on [1, 2) 1 - 1/3, on [2, 5) 1 - 2/3 -> 0.5 + 2/3 + 1 = 13/6
    expect(wasserstein1(new Float64Array([0, 1]), new Float64Array([1, 2, 5]))).toBeCloseTo(13 / 6, 12);
  });

  it('treats integer weights like repeated events', () => {
    const a = new Float64Array([0, 2, 5]);
    const wa = new Float64Array([2, 1, 3]);
    const expanded = new Float64Array([0, 0, 2, 5, 5, 5]);
    const b = new Float64Array([1, 4]);
    expect(wasserstein1(a, b, wa)).toBeCloseTo(wasserstein1(expanded, b), 12);
  });
});

describe('w1Marginals', () => {
  it('flags only the shifted feature, by the size of the shift', () => {
    const rng = new Rng(1);
    const a = gaussianSample(5000, [0, 0], identityCov(2), rng);
    const b = gaussianSample(5000, [0.3, 0], identityCov(2), rng);
    const r = w1Marginals(a, b);
    // batches of 1000: W1 noise ~ 0.03, so the 0.3 shift is recovered to ~0.05 and the unshifted one stays below 0.1
    expect(r.features[0].value).toBeGreaterThan(0.25);
    expect(r.features[0].value).toBeLessThan(0.35);
    expect(r.features[1].value).toBeLessThan(0.1);
    expect(r.features[0].error).toBeGreaterThan(0);
  });
});
