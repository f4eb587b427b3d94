import { describe, expect, it } from 'vitest';
import { pulls } from '@hepuq/stats';
import { Rng } from '@hepuq/core';
import { gap1dToy, inGap } from './gap.toy.js';
import { moments, sameArray, thrown } from './spec-helpers.js';

describe('gap-1d', () => {
  it('draws no training event in the gap and fills islands in proportion to their length', () => {
    const islands: [number, number][] = [[-3, -2], [0, 3]];
    const ds = gap1dToy.generate(40_000, { islands }, new Rng(21));
    const x = ds.features.x;
    let first = 0;
    let outside = 0;
    for (let i = 0; i < ds.n; i++) {
      if (!((x[i] >= -3 && x[i] <= -2) || (x[i] >= 0 && x[i] <= 3))) outside++;
      if (x[i] <= -2) first++;
    }
    expect(outside).toBe(0);
    expect(ds.extras.in_gap.every((g) => g === 0)).toBe(true);
    // P(first island) = 1/4; binomial standard error sqrt(0.25 * 0.75 / 4e4) = 0.0022, allow 0.01
    expect(Math.abs(first / ds.n - 0.25)).toBeLessThan(0.01);
  });

  it('includeGap covers the full span and flags the gap events', () => {
    const ds = gap1dToy.generate(50_000, { includeGap: true }, new Rng(22));
    const x = ds.features.x;
    let flagged = 0;
    let wrong = 0;
    for (let i = 0; i < ds.n; i++) {
      if (ds.extras.in_gap[i] !== (x[i] > -1 && x[i] < 1 ? 1 : 0)) wrong++;
      flagged += ds.extras.in_gap[i];
    }
    expect(wrong).toBe(0);
    expect(Math.min(...x)).toBeLessThan(-2.9);
    expect(Math.max(...x)).toBeGreaterThan(2.9);
    // gap [-1, 1] is 2/6 of [-3, 3]; binomial standard error 0.0021, allow 0.01
    expect(Math.abs(flagged / ds.n - 1 / 3)).toBeLessThan(0.01);
    // labels carry the heteroscedastic truth in the gap too: pulls N(0, 1) (standard errors 0.0045 / 0.0032)
    const p = moments(pulls(ds.target!, ds.extras.true_mean, ds.extras.true_sigma));
    expect(Math.abs(p.mean)).toBeLessThan(0.02);
    expect(Math.abs(p.std - 1)).toBeLessThan(0.015);
  });

  it('inGap marks points between and outside islands', () => {
    expect([inGap(-2, [[-3, -1], [1, 3]]), inGap(0, [[-3, -1], [1, 3]]), inGap(4, [[-3, -1], [1, 3]])]).toEqual([0, 1, 1]);
  });

  it('is reproducible from the seed', () => {
    const a = gap1dToy.generate(500, {}, new Rng(5));
    expect(sameArray(a.target!, gap1dToy.generate(500, {}, new Rng(5)).target!)).toBe(true);
    expect(sameArray(a.features.x, gap1dToy.generate(500, {}, new Rng(6)).features.x)).toBe(false);
  });

  it('rejects unsorted, overlapping or empty islands', () => {
    const rng = new Rng(0);
    expect(thrown(() => gap1dToy.generate(10, { islands: [[1, 3], [-3, -1]] }, rng)).message).toMatch(/options\.islands\.1/);
    expect(thrown(() => gap1dToy.generate(10, { islands: [[-3, 0], [-1, 3]] }, rng)).code).toBe('InvalidConfig');
    expect(thrown(() => gap1dToy.generate(10, { islands: [[2, 1]] }, rng)).message).toMatch(/lo < hi/);
    expect(thrown(() => gap1dToy.generate(10, { islands: [] }, rng)).code).toBe('InvalidConfig');
  });
});
