import { describe, expect, it } from 'vitest';
import { MonotoneMap } from './monotone-map.js';
import { pav, pavInterpolate } from './pav.js';

const f64 = (...v: number[]) => Float64Array.from(v);

describe('pav', () => {
  it('pools adjacent violators with weights (hand case)', () => {
    // y = 1, 3, 2, 4 at x = 1..4: the pair (3, 2) pools to 2.5
    const fit = pav(f64(4, 1, 3, 2), f64(4, 1, 2, 3), f64(1, 1, 1, 1));
    expect(Array.from(fit.y)).toEqual([1, 2.5, 4]);
    // weighted pool: (3 w=3, 1 w=1) -> 2.5
    expect(Array.from(pav(f64(1, 2), f64(3, 1), f64(3, 1)).y)).toEqual([2.5]);
  });

  it('pools blocks whose weight is not positive', () => {
    const fit = pav(f64(1, 2, 3), f64(0, 5, 1), f64(1, -0.5, 1));
    for (const w of fit.w) expect(w).toBeGreaterThan(0);
    for (let k = 1; k < fit.y.length; k++) expect(fit.y[k]).toBeGreaterThanOrEqual(fit.y[k - 1]);
  });

  it('interpolates between block centres and inverts', () => {
    const fit = pav(f64(0, 1), f64(0, 1), f64(1, 1));
    expect(pavInterpolate(fit, 0.25)).toBeCloseTo(0.25, 12);
    const map = MonotoneMap.fromPav(pav(f64(0.2, 0.6), f64(0.1, 0.9), f64(1, 1)), { anchors: [[0, 0], [1, 1]] });
    expect(map.at(0.4)).toBeCloseTo(0.5, 12);
    expect(map.inverse(0.5)).toBeCloseTo(0.4, 12);
    expect(map.slope(0.4)).toBeCloseTo(2, 12);
  });
});
