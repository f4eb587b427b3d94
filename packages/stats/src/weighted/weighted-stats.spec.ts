import { describe, expect, it } from 'vitest';
import { binnedMoments, equalMassBins } from './equal-mass-bins.js';
import { binomialFraction, weightedMean, weightedStd, weightSummary } from './weighted-stats.js';

const f32 = (...v: number[]) => Float32Array.from(v);
const f64 = (...v: number[]) => Float64Array.from(v);

describe('weighted statistics', () => {
  it('computes the Kish effective size (sum w)^2 / sum w^2, negative weights included', () => {
    expect(weightSummary(f32(1, 1, 1, 1)).neff).toBe(4);
    // W = 2, sum w^2 = 6
    const s = weightSummary(f32(2, 1, -1));
    expect(s.sumW).toBe(2);
    expect(s.neff).toBeCloseTo(4 / 6, 12);
  });

  it('pins mean, Bessel std and their errors on 1, 2, 3, 4', () => {
    const w = f32(1, 1, 1, 1);
    const s = weightSummary(w);
    const m = weightedMean(f64(1, 2, 3, 4), w, s);
    // s^2 = 5/3; error of the mean sqrt(5/3/4)
    expect(m.value).toBe(2.5);
    expect(m.error).toBeCloseTo(Math.sqrt(5 / 12), 12);
    const sd = weightedStd(f64(1, 2, 3, 4), w, s);
    expect(sd.value).toBeCloseTo(Math.sqrt(5 / 3), 12);
    // m2 = 1.25, m4 = (2*5.0625 + 2*0.0625)/4 = 2.5625: sqrt((m4 - m2^2)/4)/(2 sd)
    expect(sd.error).toBeCloseTo(Math.sqrt((2.5625 - 1.5625) / 4) / (2 * Math.sqrt(5 / 3)), 12);
  });

  it('gives binomial errors with Neff', () => {
    const v = binomialFraction(1, { n: 4, sumW: 4, sumW2: 4, neff: 4 });
    expect(v.value).toBe(0.25);
    expect(v.error).toBeCloseTo(Math.sqrt(0.1875 / 4), 12);
  });

  it('splits into equal-mass bins by weight and keeps ties together', () => {
    const b = equalMassBins(f32(5, 1, 3, 2, 4, 6), f32(1, 1, 1, 1, 1, 1), 3);
    expect(Array.from(b)).toEqual([2, 0, 1, 0, 1, 2]);
    // the heavy first event fills bin 0 alone
    expect(Array.from(equalMassBins(f32(1, 2, 3), f32(4, 1, 1), 2))).toEqual([0, 1, 1]);
    expect(Array.from(equalMassBins(f32(1, 1, 1, 2), f32(1, 1, 1, 1), 4))).toEqual([0, 0, 0, 3]);
    const rows = binnedMoments(Int32Array.of(0, 0, 1, 1), 2, f64(1, 3, 10, 10), f32(1, 1, 1, 1));
    expect(rows[0].mean).toBe(2);
    expect(rows[0].std).toBeCloseTo(Math.SQRT2, 12);
    expect(rows[1].std).toBe(0);
  });
});
