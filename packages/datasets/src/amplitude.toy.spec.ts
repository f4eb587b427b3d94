import { describe, expect, it } from 'vitest';
import { pulls } from '@hepuq/stats';
import { Rng } from '@hepuq/core';
import { amplitudeToy, amplitudeTruth } from './amplitude.toy.js';
import { moments, sameArray, thrown } from './spec-helpers.js';

describe('amplitude', () => {
  it('evaluates resonant times soft propagators', () => {
    // at s12 = x1 + x2 = 1 the resonant factor is 1/Gamma^2
    expect(amplitudeTruth([0.5, 0.5, 0.5, 0.5])).toBeCloseTo(1 / 0.01 / 0.6 ** 4, 8);
    expect(amplitudeTruth([0, 0], 0.2, 0.5)).toBeCloseTo(1 / (1 + 0.04) / 0.25, 12);
  });

  it('stores exact amplitudes (no noise by default) over the unit hypercube with a large dynamic range', () => {
    const ds = amplitudeToy.generate(10_000, {}, new Rng(31));
    expect(ds.featureNames).toEqual(['x1', 'x2', 'x3', 'x4']);
    const point = new Float64Array(4);
    let lo = Infinity;
    let hi = 0;
    let worst = 0;
    let bad = 0;
    for (let i = 0; i < ds.n; i++) {
      for (let d = 0; d < 4; d++) {
        point[d] = ds.features[`x${d + 1}`][i];
        if (!(point[d] >= 0 && point[d] <= 1)) bad++;
      }
      const a = amplitudeTruth(point);
      worst = Math.max(worst, Math.abs(ds.extras.true_mean[i] / a - 1));
      if (ds.target![i] !== ds.extras.true_mean[i] || ds.extras.true_sigma[i] !== 0) bad++;
      lo = Math.min(lo, a);
      hi = Math.max(hi, a);
    }
    expect(bad).toBe(0);
    // float32 storage: relative rounding 6e-8
    expect(worst).toBeLessThan(1e-6);
    expect(hi / lo).toBeGreaterThan(1e3);
  });

  it('relative noise gives N(0, 1) pulls with true_sigma = r A', () => {
    const ds = amplitudeToy.generate(100_000, { dim: 3, relativeNoise: 0.05 }, new Rng(32));
    expect(ds.featureNames).toEqual(['x1', 'x2', 'x3']);
    for (let i = 0; i < ds.n; i += 101) expect(ds.extras.true_sigma[i] / ds.extras.true_mean[i]).toBeCloseTo(0.05, 6);
    const { mean, std } = moments(pulls(ds.target!, ds.extras.true_mean, ds.extras.true_sigma));
    // standard errors 0.0032 (mean) and 0.0022 (std) on 1e5 events; allow about 4.5 of them
    expect(Math.abs(mean)).toBeLessThan(0.015);
    expect(Math.abs(std - 1)).toBeLessThan(0.01);
  });

  it('is reproducible from the seed', () => {
    const a = amplitudeToy.generate(300, { relativeNoise: 0.1 }, new Rng(9));
    expect(sameArray(a.target!, amplitudeToy.generate(300, { relativeNoise: 0.1 }, new Rng(9)).target!)).toBe(true);
    expect(sameArray(a.target!, amplitudeToy.generate(300, { relativeNoise: 0.1 }, new Rng(10)).target!)).toBe(false);
  });

  it('rejects bad options', () => {
    const rng = new Rng(0);
    expect(thrown(() => amplitudeToy.generate(10, { dim: 1 }, rng)).message).toMatch(/options\.dim/);
    expect(thrown(() => amplitudeToy.generate(10, { dim: 2.5 }, rng)).code).toBe('InvalidConfig');
    expect(thrown(() => amplitudeToy.generate(10, { width: 0 }, rng)).message).toMatch(/options\.width/);
    expect(thrown(() => amplitudeToy.generate(10, { relativeNoise: -0.1 }, rng)).message).toMatch(/relativeNoise/);
  });
});
