import { describe, expect, it } from 'vitest';
import { brentMinimize } from './brent.js';

describe('brentMinimize', () => {
  it('finds interior minima and minima at a bound', () => {
    expect(brentMinimize((x) => (x - 2) ** 2 + 1, 0, 5).x).toBeCloseTo(2, 7);
    // x log x has its minimum at 1/e
    expect(brentMinimize((x) => x * Math.log(x), 0.01, 3).x).toBeCloseTo(1 / Math.E, 7);
    const atBound = brentMinimize((x) => x, 1, 4);
    expect(atBound.x).toBeLessThan(1 + 1e-6);
    expect(atBound.converged).toBe(true);
  });

  it('rejects empty brackets', () => {
    expect(() => brentMinimize((x) => x, 2, 1)).toThrow(/lo < hi/);
  });
});
