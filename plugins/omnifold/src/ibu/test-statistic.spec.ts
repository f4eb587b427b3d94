import { describe, expect, it } from 'vitest';
import { ksStatistic, PYUNFOLD_TS_BINS } from './test-statistic.js';

describe('ksStatistic', () => {
  it('is the largest distance between the normalised cumulative sums', () => {
    expect(ksStatistic([1, 1], [2, 0])).toBe(0.5);
    expect(ksStatistic([1, 2, 3], [2, 4, 6])).toBe(0);
    // cumulative: [0.1, 0.3, 1] vs [0.5, 0.75, 1]
    expect(ksStatistic([1, 2, 7], [2, 1, 1])).toBeCloseTo(0.45, 15);
  });

  it('uses the first 100 bins only, as pyunfold\'s test range [0, 100) does', () => {
    const a = new Array(120).fill(1);
    const b = [...new Array(100).fill(1), ...new Array(20).fill(50)];
    expect(ksStatistic(a, b)).toBe(0);
    expect(ksStatistic(a, b, 120)).toBeGreaterThan(0.5);
    expect(PYUNFOLD_TS_BINS).toBe(100);
  });

  it('is NaN when a distribution sums to 0 (so it never stops the iterations)', () => {
    expect(ksStatistic([0, 0], [1, 1])).toBeNaN();
  });
});
