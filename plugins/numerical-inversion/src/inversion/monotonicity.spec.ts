import { describe, expect, it } from 'vitest';
import { monotoneRepair, nonMonotoneRanges, rangesText } from './monotonicity.js';

describe('monotonicity of a learned response', () => {
  it('finds the y ranges where x does not rise, merging consecutive steps, with how far x falls', () => {
    const y = Float64Array.of(1, 2, 3, 4, 5, 6, 7, 8);
    const x = Float64Array.of(1, 2, 1.5, 1.2, 3, 4, 4, 5);
    expect(nonMonotoneRanges(y, x)).toEqual([{ low: 2, high: 4, drop: 0.8 }, { low: 6, high: 7, drop: 0 }]);
    expect(rangesText(nonMonotoneRanges(y, x))).toBe('y in [2, 4] (x falls by 0.8), y in [6, 7] (x falls by 0)');
    expect(nonMonotoneRanges(y, y)).toEqual([]);
  });

  it('names at most three ranges and counts the rest', () => {
    const ranges = [1, 2, 3, 4, 5].map((k) => ({ low: k, high: k + 0.5, drop: 0.1 }));
    expect(rangesText(ranges)).toMatch(/y in \[3, 3\.5\] \(x falls by 0\.1\) and 2 more$/);
  });

  it('repairs a dip into a strictly rising curve close to the isotonic fit, and leaves a rising one alone', () => {
    const y = Float64Array.from({ length: 11 }, (_, k) => k);
    const x = Float64Array.of(0, 1, 2, 3, 2.5, 2, 6, 7, 8, 9, 10);
    const r = monotoneRepair(y, x);
    for (let k = 1; k < r.length; k++) expect(r[k]).toBeGreaterThan(r[k - 1]);
    // PAV pools 3, 2.5, 2 into 2.5; the slope floor adds at most 1e-3 x mean slope per step
    expect(r[3]).toBeCloseTo(2.5, 2);
    expect(r[5]).toBeCloseTo(2.5, 2);
    expect(Array.from(monotoneRepair(y, y))).toEqual(Array.from(y));
  });
});
