import { describe, expect, it } from 'vitest';
import { HistosysInterpolator } from './histosys-interpolation.js';
import { NormsysInterpolator } from './normsys-interpolation.js';

/** Central finite difference of f at x (step 1e-6: error ~1e-12 on these smooth pieces). */
const d = (f: (x: number) => number, x: number, h = 1e-6): number => (f(x + h) - f(x - h)) / (2 * h);

describe('normsys interpolation', () => {
  it('code1 is hi^alpha above 0 and lo^-alpha below', () => {
    const ns = new NormsysInterpolator(0.8, 1.3, 'code1');
    expect(ns.factor(0)).toBe(1);
    expect(ns.factor(1)).toBeCloseTo(1.3, 14);
    expect(ns.factor(-1)).toBeCloseTo(0.8, 14);
    expect(ns.factor(2.5)).toBeCloseTo(1.3 ** 2.5, 13);
    expect(ns.factor(-0.5)).toBeCloseTo(0.8 ** 0.5, 13);
  });

  it('code0 is linear in alpha on each side', () => {
    const ns = new NormsysInterpolator(0.8, 1.3, 'code0');
    expect(ns.factor(2)).toBeCloseTo(1.6, 14);
    expect(ns.factor(-2)).toBeCloseTo(0.6, 14);
  });

  it('code4 matches code1 outside |alpha| < 1 and joins it smoothly to second order', () => {
    const c4 = new NormsysInterpolator(0.7, 1.25, 'code4');
    const c1 = new NormsysInterpolator(0.7, 1.25, 'code1');
    expect(c4.factor(0)).toBeCloseTo(1, 14);
    for (const x of [1.5, -1.5, 3, -4]) expect(c4.factor(x)).toBeCloseTo(c1.factor(x), 13);
    for (const edge of [1, -1]) {
      const inside = edge * (1 - 1e-9);
      expect(c4.factor(inside)).toBeCloseTo(c1.factor(edge), 8);
      // first and second derivatives of the polynomial equal those of the exponential at the edge
      expect(c4.slope(inside)).toBeCloseTo(c1.slope(edge), 7);
      expect(d((x) => c4.slope(x), edge * (1 - 1e-5))).toBeCloseTo(d((x) => c1.slope(x), edge * (1 + 1e-5)), 3);
    }
  });

  it('slope is the derivative of factor for every code', () => {
    for (const code of ['code0', 'code1', 'code4'] as const) {
      const ns = new NormsysInterpolator(0.9, 1.15, code);
      for (const x of [-2.2, -0.7, -0.1, 0.3, 0.95, 1.7]) expect(ns.slope(x)).toBeCloseTo(d((a) => ns.factor(a), x), 7);
    }
  });
});

describe('histosys interpolation', () => {
  const lo = [90, 45];
  const nom = [100, 50];
  const hi = [115, 52];

  it('code0 is piecewise linear', () => {
    const h = new HistosysInterpolator(lo, nom, hi, 'code0');
    expect(h.delta(1, 0)).toBe(15);
    expect(h.delta(-1, 0)).toBe(-10);
    expect(h.delta(0.5, 1)).toBe(1);
    expect(h.delta(-2, 1)).toBe(-10);
  });

  it('code4p reproduces the variations at |alpha| = 1, is linear beyond, and smooth at the joins', () => {
    const h = new HistosysInterpolator(lo, nom, hi, 'code4p');
    const h0 = new HistosysInterpolator(lo, nom, hi, 'code0');
    for (const b of [0, 1]) {
      expect(h.delta(0, b)).toBe(0);
      expect(h.delta(1, b)).toBeCloseTo(hi[b] - nom[b], 12);
      expect(h.delta(-1, b)).toBeCloseTo(lo[b] - nom[b], 12);
      for (const x of [2, -3]) expect(h.delta(x, b)).toBeCloseTo(h0.delta(x, b), 12);
      for (const edge of [1, -1]) expect(h.slope(edge * (1 - 1e-9), b)).toBeCloseTo(h0.slope(edge, b), 6);
      for (const x of [-1.5, -0.6, 0.2, 0.8, 1.4]) expect(h.slope(x, b)).toBeCloseTo(d((a) => h.delta(a, b), x), 6);
    }
  });
});
