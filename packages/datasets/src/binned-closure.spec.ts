import { describe, expect, it } from 'vitest';
import { binnedClosure } from './binned-closure.js';
import { normalBinProbabilities } from './normal-bins.js';
import { thrown } from './spec-helpers.js';

describe('binnedClosure', () => {
  it('histograms weights in [lo, hi) bins (the last one closed) against W p_b with sum-of-w^2 errors', () => {
    const values = [0, 0.5, 1, 1.5, 2, 5];
    const weights = [1, 2, 1, 2, 1, 1];
    // 2 falls in the closed last bin; 5 is outside but still counts in W
    const c = binnedClosure(values, weights, [0, 1, 2], [0.5, 0.5]);
    expect(Array.from(c.sums)).toEqual([3, 4]);
    expect(c.total).toBe(8);
    expect(c.ndf).toBe(1);
    // (3 - 4) / sqrt(1^2 + 2^2) and (4 - 4) / sqrt(1 + 4 + 1)
    expect(c.pulls[0]).toBeCloseTo(-1 / Math.sqrt(5), 12);
    expect(c.pulls[1]).toBeCloseTo(0, 12);
    expect(c.chi2).toBeCloseTo(1 / 5, 12);
  });

  it('honours the selection, keeps every bin when the probabilities do not sum to 1, and survives empty bins', () => {
    const c = binnedClosure([0.5, 1.5, 1.5], [1, 1, 1], [0, 1, 2, 3], [0.25, 0.25, 0.25], [1, 1, 0]);
    expect(Array.from(c.sums)).toEqual([1, 1, 0]);
    expect(c.ndf).toBe(3);
    // the empty third bin uses p_b sum w^2 = 0.5: pull (0 - 0.5) / sqrt(0.5)
    expect(c.pulls[2]).toBeCloseTo(-Math.sqrt(0.5), 12);
    const zero = binnedClosure([0.5], [1], [0, 1, 2], [1, 0]);
    expect(Array.from(zero.pulls)).toEqual([0, 0]);
  });

  it('agrees with Phi differences for the bin probabilities it is fed', () => {
    const p = normalBinProbabilities([-Infinity, -1, 1, Infinity], (x) => x, 'spec');
    expect(p[1]).toBeCloseTo(0.682689492137, 10);
    expect(p[0]).toBeCloseTo(p[2], 15);
  });

  it('rejects mismatched lengths naming them', () => {
    const e = thrown(() => binnedClosure([1, 2], [1], [0, 1, 2], [0.5, 0.5]));
    expect(e.code).toBe('ShapeMismatch');
    expect(e.message).toMatch(/2 values, 1 weights, 2 bins and 2 probabilities/);
    expect(thrown(() => binnedClosure([1], [1], [0, 1, 2], [1])).message).toMatch(/2 bins and 1 probabilities/);
    expect(thrown(() => binnedClosure([1], [1], [0, 1], [1], [1, 0])).message).toMatch(/2 selection flags/);
  });
});
