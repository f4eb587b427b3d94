import { Rng } from '@hepuq/core';
import { describe, expect, it } from 'vitest';
import { gaussianSample } from '../toys/gaussian-toys.js';
import { geometricSizes, mseCurve } from './mse-curve.js';
import { cellFractions, cellIndices, quantileCells } from './quantile-cells.js';
import { samplingNoise } from './quantile-mse.js';

describe('MSE curve', () => {
  it('geometricSizes: a geometric series from min to n, ending exactly at n', () => {
    expect(geometricSizes(100, 100_000, 4)).toEqual([100, 1000, 10000, 100000]);
    expect(geometricSizes(50, 40, 5)).toEqual([40]);
    expect(geometricSizes(10, 1000, 2)).toEqual([10, 1000]);
    const s = geometricSizes(50, 12_345, 10);
    expect(s[0]).toBe(50);
    expect(s.at(-1)).toBe(12_345);
    expect(s.every((x, i) => i === 0 || x > s[i - 1])).toBe(true);
  });

  it('a sample drawn from the truth follows s (1/n + 1/N_truth) at every size', () => {
    const rng = new Rng(21);
    const truth = gaussianSample(200_000, [0], [1], rng, 'truth');
    const sample = gaussianSample(20_000, [0], [1], rng, 'sample');
    const cells = quantileCells(truth, 20);
    const { fractions: p, nEff } = cellFractions(cellIndices(cells, truth), cells.cells, truth);
    // every truth cell holds 1/20 (continuous values: exact quantiles up to one event)
    for (const pc of p) expect(Math.abs(pc - 0.05)).toBeLessThan(2 / truth.n);
    const s = samplingNoise(p);
    const curve = mseCurve(cellIndices(cells, sample), p, sample, geometricSizes(50, sample.n, 8), 10, nEff, new Rng(3));
    // up to 10 disjoint subsamples per size, the whole sample once
    expect(curve.map((c) => c.batches)).toEqual(curve.map((c) => Math.min(10, Math.floor(20_000 / c.n))));
    expect(curve.at(-1)!.batches).toBe(1);
    expect(curve.at(-1)!.n).toBe(20_000);
    for (const c of curve) {
      const expected = s * (1 / c.n + 1 / nEff);
      // 8 points: |pull| < 3.5 fails by chance with probability ~0.4% (the analytic error is
      // conservative for truth-drawn samples, quantile-mse.spec.ts)
      expect(Math.abs(c.mse - expected) / c.error, `n = ${c.n}`).toBeLessThan(3.5);
    }
  });
});
