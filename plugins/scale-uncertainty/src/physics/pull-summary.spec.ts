import { Rng } from '@hepuq/core';
import { describe, expect, it } from 'vitest';
import { gaussianTailFraction } from './gaussian-tails.js';
import { summarisePulls } from './pull-summary.js';

describe('gaussianTailFraction', () => {
  it('gives the unit-Gaussian fractions beyond 1, 2, 3 sigma', () => {
    expect(gaussianTailFraction(1)).toBeCloseTo(0.3173, 4);
    expect(gaussianTailFraction(2)).toBeCloseTo(0.0455, 4);
    expect(gaussianTailFraction(3)).toBeCloseTo(0.0027, 4);
  });
});

describe('summarisePulls', () => {
  it('computes moments of a small sample by hand', () => {
    // t = -2, -1, 0, 1, 5: mean 0.6; deviations -2.6 -1.6 -0.6 0.4 4.4; sum d^2 = 6.76+2.56+0.36+0.16+19.36 = 29.2
    const s = summarisePulls(Float64Array.of(-2, -1, 0, 1, 5));
    expect(s.n).toBe(5);
    expect(s.mean).toBeCloseTo(0.6, 12);
    expect(s.std).toBeCloseTo(Math.sqrt(29.2 / 4), 12);
    expect(s.meanError).toBeCloseTo(Math.sqrt(29.2 / 4) / Math.sqrt(5), 12);
    expect(s.median).toBe(0);
    // m2 = 5.84, m3 = (-17.576 - 4.096 - 0.216 + 0.064 + 85.184) / 5 = 12.672
    expect(s.skewness).toBeCloseTo(12.672 / 5.84 ** 1.5, 10);
    // m4 = (45.6976 + 6.5536 + 0.1296 + 0.0256 + 374.8096) / 5 = 85.4432; g2 = m4 / m2^2 - 3
    expect(s.excessKurtosis).toBeCloseTo(85.4432 / 5.84 ** 2 - 3, 10);
    expect(s.stdError).toBeCloseTo(Math.sqrt(29.2 / 4) / Math.sqrt(2 * 4), 12);
    expect(s.beyond.map((b) => b.fraction)).toEqual([0.4, 0.2, 0.2]);
    expect(s.beyond[0].error).toBeCloseTo(Math.sqrt((0.4 * 0.6) / 5), 12);
  });

  it('reproduces a unit Gaussian on 10^4 seeded draws', () => {
    const rng = new Rng(2210);
    const t = Float64Array.from({ length: 10_000 }, () => rng.normal());
    const s = summarisePulls(t);
    // standard errors for n = 1e4: mean 0.01, std 0.007, skewness sqrt(6/n) = 0.024, excess kurtosis sqrt(24/n) = 0.05;
    // fractions beyond 1/2/3: 0.0047, 0.0021, 0.0005. We allow about 4 standard errors.
    expect(Math.abs(s.mean)).toBeLessThan(0.04);
    expect(Math.abs(s.std - 1)).toBeLessThan(0.03);
    expect(Math.abs(s.skewness)).toBeLessThan(0.1);
    expect(Math.abs(s.excessKurtosis)).toBeLessThan(0.2);
    for (const b of s.beyond) expect(Math.abs(b.fraction - b.gaussian)).toBeLessThan(4 * Math.sqrt((b.gaussian * (1 - b.gaussian)) / t.length));
  });

  it('reports NaN (JSON null) for an empty group instead of throwing', () => {
    const s = summarisePulls(new Float64Array(0));
    expect(s.n).toBe(0);
    expect(JSON.parse(JSON.stringify(s)).mean).toBeNull();
  });
});
