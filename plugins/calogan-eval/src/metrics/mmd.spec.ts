import { Rng } from '@hepuq/core';
import { describe, expect, it } from 'vitest';
import { gaussianSample, identityCov } from '../toys/gaussian-toys.js';
import { mmdPolyUnbiased } from './mmd.js';
import { monomialBasis, monomialCount } from './poly-kernel-moments.js';

const all = (n: number) => Int32Array.from({ length: n }, (_, i) => i);

describe('mmdPolyUnbiased', () => {
  it('builds C(d + p, p) monomials', () => {
    expect(monomialBasis(4, 3).size).toBe(monomialCount(4, 3));
    expect(monomialCount(20, 3)).toBe(1771);
  });

  it('gives the same value through the moment expansion and the direct double sum, weighted or not', () => {
    const rng = new Rng(5);
    const x = gaussianSample(120, [0, 0.3, 0], identityCov(3), rng);
    const y = gaussianSample(90, [0.2, 0, 0], identityCov(3, 1.5), rng);
    const wx = Float64Array.from({ length: 120 }, () => 0.5 + rng.uniform());
    for (const degree of [1, 2, 3, 4]) {
      for (const weights of [undefined, wx]) {
        const a = mmdPolyUnbiased({ data: x.data, rows: all(120), weights }, { data: y.data, rows: all(90) }, 3, degree, 'moments');
        const b = mmdPolyUnbiased({ data: x.data, rows: all(120), weights }, { data: y.data, rows: all(90) }, 3, degree, 'direct');
        expect(a).toBeCloseTo(b, 9);
      }
    }
  });

  it('is unbiased: the mean over many small batches from one distribution is zero within its error', () => {
    const rng = new Rng(11);
    const values: number[] = [];
    const biased: number[] = [];
    const k = (a: Float64Array, i: number, b: Float64Array, j: number) => ((a[2 * i] * b[2 * j] + a[2 * i + 1] * b[2 * j + 1]) / 2 + 1) ** 3;
    const vStat = (x: Float64Array, y: Float64Array) => {
      let s = 0;
      for (let i = 0; i < 20; i++) for (let j = 0; j < 20; j++) s += k(x, i, x, j) + k(y, i, y, j) - 2 * k(x, i, y, j);
      return s / 400;
    };
    for (let b = 0; b < 400; b++) {
      const x = gaussianSample(20, [0, 0], [1, 0.5, 0.5, 1], rng);
      const y = gaussianSample(20, [0, 0], [1, 0.5, 0.5, 1], rng);
      values.push(mmdPolyUnbiased({ data: x.data, rows: all(20) }, { data: y.data, rows: all(20) }, 2, 3));
      biased.push(vStat(x.data, y.data));
    }
    const m = values.reduce((s, v) => s + v, 0) / values.length;
    const sd = Math.sqrt(values.reduce((s, v) => s + (v - m) ** 2, 0) / (values.length - 1));
    // 400 independent batches: the mean has standard error sd/20; an unbiased estimator lies within 3 of them
    expect(Math.abs(m)).toBeLessThan((3 * sd) / Math.sqrt(values.length));
    // the biased V-statistic (i = j terms kept) of the same batches sits ~ 2 E[k(x,x) - k(x,y)]/20 above zero: the test tells them apart
    const mb = biased.reduce((s, v) => s + v, 0) / biased.length;
    expect(mb).toBeGreaterThan((3 * sd) / Math.sqrt(values.length));
  });

  it('grows with a mean shift', () => {
    const rng = new Rng(2);
    const x = gaussianSample(1000, [0, 0], identityCov(2), rng);
    const near = gaussianSample(1000, [0.1, 0], identityCov(2), rng);
    const far = gaussianSample(1000, [1, 0], identityCov(2), rng);
    const mmdNear = mmdPolyUnbiased({ data: x.data, rows: all(1000) }, { data: near.data, rows: all(1000) }, 2, 3);
    const mmdFar = mmdPolyUnbiased({ data: x.data, rows: all(1000) }, { data: far.data, rows: all(1000) }, 2, 3);
    expect(mmdFar).toBeGreaterThan(10 * Math.abs(mmdNear));
  });
});
