import { describe, expect, it } from 'vitest';
import { Rng } from '@hepuq/core';
import { MonotoneInverse } from './monotone-inverse.js';

/** A jet-like response x = y - 2 sqrt(y) and its exact inverse. */
const f = (y: number) => y - 2 * Math.sqrt(y);
const fInv = (x: number) => ((2 + Math.sqrt(4 + 4 * x)) / 2) ** 2;
const fPrime = (y: number) => 1 - 1 / Math.sqrt(y);

describe('MonotoneInverse', () => {
  it('inverts a smooth rising function from 64 grid points to 1e-5, with dy/dx = 1 / f\'(y)', () => {
    const y = Float64Array.from({ length: 64 }, (_, k) => 20 * 10 ** (k / 63));
    const inv = MonotoneInverse.of(y.map(f), y);
    for (const x of [11.5, 30, 77.7, 150, 171]) {
      const { y: v, dydx } = inv.at(x);
      expect(Math.abs(v / fInv(x) - 1)).toBeLessThan(1e-5);
      expect(Math.abs(dydx * fPrime(fInv(x)) - 1)).toBeLessThan(1e-3);
    }
    // the nodes themselves are exact
    expect(inv.at(f(y[10])).y).toBeCloseTo(y[10], 10);
  });

  it('stays monotone between the nodes of any rising data (no overshoot)', () => {
    const rng = new Rng(3);
    for (let trial = 0; trial < 50; trial++) {
      const n = 4 + rng.int(20);
      const x = new Float64Array(n);
      const y = new Float64Array(n);
      for (let k = 1; k < n; k++) {
        x[k] = x[k - 1] + 0.01 + rng.uniform() * (rng.uniform() < 0.2 ? 10 : 1);
        y[k] = y[k - 1] + 0.01 + rng.uniform() * (rng.uniform() < 0.2 ? 10 : 1);
      }
      const inv = MonotoneInverse.of(x, y);
      let last = -Infinity;
      for (let j = 0; j <= 400; j++) {
        const at = inv.at(x[0] + ((x[n - 1] - x[0]) * j) / 400);
        expect(at.y).toBeGreaterThanOrEqual(last - 1e-12);
        expect(at.dydx).toBeGreaterThanOrEqual(0);
        last = at.y;
      }
    }
  });

  it('extrapolates beyond the ends with the end secants, or clamps', () => {
    const x = Float64Array.of(0, 1, 2, 4);
    const y = Float64Array.of(0, 2, 3, 4);
    const ext = MonotoneInverse.of(x, y);
    expect(ext.at(-1)).toEqual({ y: -2, dydx: 2 });
    expect(ext.at(6)).toEqual({ y: 5, dydx: 0.5 });
    expect(ext.outsideRange(-1) && ext.outsideRange(6) && !ext.outsideRange(3)).toBe(true);
    const clamp = MonotoneInverse.of(x, y, 'clamp');
    expect(clamp.at(-1).y).toBe(0);
    expect(clamp.at(6).y).toBe(4);
    expect(MonotoneInverse.of(Float64Array.of(1, 3), Float64Array.of(10, 20)).at(2)).toEqual({ y: 15, dydx: 5 });
  });
});
