import { describe, expect, it } from 'vitest';
import { centralQuantile, normalCdf, normalQuantile, ONE_SIGMA_LEVEL, TWO_SIGMA_LEVEL } from './normal.js';

describe('normal distribution functions', () => {
  it('match scipy.stats.norm reference values', () => {
    // reference values: scipy 1.17 norm.ppf / norm.cdf
    expect(normalQuantile(0.975)).toBeCloseTo(1.959963984540054, 13);
    expect(normalQuantile(1e-10) / -6.361340902404056).toBeCloseTo(1, 13);
    expect(normalCdf(-3.3) / 0.00048342414238377744).toBeCloseTo(1, 12);
    expect(ONE_SIGMA_LEVEL).toBeCloseTo(0.6826894921370859, 14);
    expect(TWO_SIGMA_LEVEL).toBeCloseTo(0.9544997361036416, 14);
    expect(centralQuantile(ONE_SIGMA_LEVEL)).toBeCloseTo(1, 12);
  });

  it('round-trips Phi(Phi^-1(p)) = p', () => {
    for (const p of [1e-8, 0.01, 0.3, 0.5, 0.77, 0.999]) expect(normalCdf(normalQuantile(p)) / p).toBeCloseTo(1, 12);
  });
});
