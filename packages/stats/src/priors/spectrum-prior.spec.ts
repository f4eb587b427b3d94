import { describe, expect, it } from 'vitest';
import { HepuqError, Rng } from '@hepuq/core';
import { priorDensity, priorQuantile, SpectrumPrior } from './spectrum-prior.js';

/** Mean of `n` draws of the prior on [lo, hi] (inverse-CDF sampling). */
function sampleMean(prior: SpectrumPrior, lo: number, hi: number, n: number, seed: number): { mean: number; std: number } {
  const rng = new Rng(seed);
  const y = Float64Array.from({ length: n }, () => priorQuantile(prior, lo, hi, rng.uniform()));
  const mean = y.reduce((a, b) => a + b, 0) / n;
  return { mean, std: Math.sqrt(y.reduce((a, b) => a + (b - mean) ** 2, 0) / (n - 1)) };
}

/** Mean of the truncated density by the midpoint rule on 20000 cells. */
function exactMean(prior: SpectrumPrior, lo: number, hi: number): number {
  let s0 = 0;
  let s1 = 0;
  const h = (hi - lo) / 20_000;
  for (let k = 0; k < 20_000; k++) {
    const y = lo + (k + 0.5) * h;
    s0 += priorDensity(prior, y);
    s1 += y * priorDensity(prior, y);
  }
  return s1 / s0;
}

describe('SpectrumPrior', () => {
  it.each([
    [{ shape: 'power-law', index: 2 }],
    [{ shape: 'power-law', index: 1 }],
    [{ shape: 'power-law', index: 4.5 }],
    [{ shape: 'flat' }],
    [{ shape: 'gaussian', mean: 60, sigma: 30 }],
  ])('samples %j on [20, 200] with the mean of its density', (raw) => {
    const prior = SpectrumPrior.parse(raw);
    const { mean, std } = sampleMean(prior, 20, 200, 40_000, 3);
    // standard error std/sqrt(4e4) = 0.5% of std; we allow 4 of them
    expect(Math.abs(mean - exactMean(prior, 20, 200))).toBeLessThan((4 * std) / Math.sqrt(40_000));
  });

  it('keeps draws inside the range and maps u = 0, 1 to its ends', () => {
    for (const prior of [{ shape: 'power-law', index: 3 }, { shape: 'flat' }, { shape: 'gaussian', mean: 0, sigma: 5 }] as SpectrumPrior[]) {
      expect(priorQuantile(prior, 20, 200, 0)).toBeCloseTo(20, 9);
      expect(priorQuantile(prior, 20, 200, 1)).toBeCloseTo(200, 6);
    }
  });

  it('defaults the power-law index to 2 and rejects unknown shapes and keys', () => {
    expect(SpectrumPrior.parse({ shape: 'power-law' })).toEqual({ shape: 'power-law', index: 2 });
    expect(SpectrumPrior.safeParse({ shape: 'exponential' }).success).toBe(false);
    expect(SpectrumPrior.safeParse({ shape: 'flat', index: 2 }).success).toBe(false);
    expect(SpectrumPrior.safeParse({ shape: 'gaussian', mean: 1 }).success).toBe(false);
  });

  it('refuses a power law at y <= 0 with a catalog error and a hint', () => {
    const err = (() => {
      try {
        priorDensity({ shape: 'power-law', index: 2 }, 0);
      } catch (e) {
        return e;
      }
      return undefined;
    })();
    expect(err).toBeInstanceOf(HepuqError);
    expect((err as HepuqError).message).toMatch(/y > 0 only, got y = 0/);
    expect((err as HepuqError).hint).toMatch(/flat or Gaussian/);
    expect(() => priorQuantile({ shape: 'power-law', index: 2 }, 0, 10, 0.5)).toThrow(/range above 0/);
  });
});
