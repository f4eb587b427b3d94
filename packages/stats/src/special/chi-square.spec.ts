import { describe, expect, it } from 'vitest';
import { chiSquareSurvival } from './chi-square.js';

describe('chiSquareSurvival', () => {
  it('matches scipy.stats.chi2.sf to 1e-10 relative, in the bulk and deep in the tail, odd and even ndf', () => {
    // reference values: scipy 1.x, chi2.sf(x, k); at ndf = 1000 the 500 log terms (|exponent| ~ 3000)
    // accumulate ~1e-12 relative rounding, so 1e-10 leaves room while a wrong term is off by O(1)
    const cases: [number, number, number][] = [
      [3.841458820694124, 1, 0.04999999999999989],
      [18.307038053275146, 10, 0.05000000000000005],
      [124.34211340400407, 100, 0.0500000000000001],
      [1000, 1000, 0.49405285382923964],
      [1001, 1001, 0.4940558252393927],
      [300, 10, 1.5546747543803087e-58],
      [0.5, 7, 0.9994464813904249],
    ];
    for (const [x, k, p] of cases) expect(Math.abs(chiSquareSurvival(x, k) / p - 1), `sf(${x}, ${k})`).toBeLessThan(1e-10);
  });

  it('is exp(-x/2) for 2 degrees of freedom and handles the edges', () => {
    expect(chiSquareSurvival(7, 2)).toBeCloseTo(Math.exp(-3.5), 15);
    expect(chiSquareSurvival(0, 5)).toBe(1);
    expect(chiSquareSurvival(Infinity, 5)).toBe(0);
    expect(chiSquareSurvival(5000, 3)).toBe(0);
    expect(chiSquareSurvival(1, 0)).toBeNaN();
    expect(chiSquareSurvival(1, 2.5)).toBeNaN();
    expect(chiSquareSurvival(Number.NaN, 2)).toBeNaN();
  });
});
