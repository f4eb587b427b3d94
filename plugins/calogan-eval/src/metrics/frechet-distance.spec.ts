import { Rng } from '@hepuq/core';
import { describe, expect, it } from 'vitest';
import { gaussianSample } from '../toys/gaussian-toys.js';
import { frechetDistance, frechetDistanceOfSamples } from './frechet-distance.js';

describe('frechetDistance', () => {
  it('matches the closed form for diagonal covariances: |dmu|^2 + sum (s1 - s2)^2', () => {
    const mu1 = new Float64Array([0, 1, -2]);
    const mu2 = new Float64Array([0.5, 1, 0]);
    const s1 = [1, 2, 0.5];
    const s2 = [3, 2, 1.5];
    const cov = (s: number[]) => Float64Array.from({ length: 9 }, (_, k) => (k % 4 === 0 ? s[k / 4] ** 2 : 0));
    const expected = 0.25 + 0 + 4 + (1 - 3) ** 2 + 0 + (0.5 - 1.5) ** 2;
    expect(frechetDistance(mu1, cov(s1), mu2, cov(s2))).toBeCloseTo(expected, 10);
  });

  it('matches the 2x2 closed form Tr sqrt(AB) = sqrt(Tr AB + 2 sqrt(det A det B)) for non-commuting covariances', () => {
    const a = new Float64Array([2, 0.8, 0.8, 1]);
    const b = new Float64Array([1, -0.5, -0.5, 3]);
    const ab = [a[0] * b[0] + a[1] * b[2], 0, 0, a[2] * b[1] + a[3] * b[3]];
    const detA = a[0] * a[3] - a[1] * a[2];
    const detB = b[0] * b[3] - b[1] * b[2];
    const trSqrt = Math.sqrt(ab[0] + ab[3] + 2 * Math.sqrt(detA * detB));
    const mu1 = new Float64Array([1, 2]);
    const mu2 = new Float64Array([-1, 2.5]);
    const expected = 4 + 0.25 + 3 + 4 - 2 * trSqrt;
    expect(frechetDistance(mu1, a, mu2, b)).toBeCloseTo(expected, 10);
  });

  it('is zero for identical Gaussians and symmetric in its arguments', () => {
    const mu = new Float64Array([1, 2]);
    const c1 = new Float64Array([2, 0.8, 0.8, 1]);
    const c2 = new Float64Array([1, 0.2, 0.2, 0.7]);
    expect(Math.abs(frechetDistance(mu, c1, mu, c1))).toBeLessThan(1e-12);
    expect(frechetDistance(mu, c1, mu, c2)).toBeCloseTo(frechetDistance(mu, c2, mu, c1), 12);
  });

  it('estimates the closed form from large Gaussian samples', () => {
    const rng = new Rng(3);
    const a = gaussianSample(20000, [0, 0], [1, 0.6, 0.6, 1], rng);
    const b = gaussianSample(20000, [1, 0], [4, 0, 0, 1], rng);
    const truth = frechetDistance(new Float64Array([0, 0]), new Float64Array([1, 0.6, 0.6, 1]), new Float64Array([1, 0]), new Float64Array([4, 0, 0, 1]));
    // sample means and covariances from 2e4 events fluctuate by ~1/sqrt(2e4) = 0.007 relative per entry; FD ~ 2.2 varies by ~0.05
    expect(Math.abs(frechetDistanceOfSamples(a, b) - truth)).toBeLessThan(0.1);
  });
});
