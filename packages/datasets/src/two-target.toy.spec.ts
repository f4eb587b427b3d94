import { describe, expect, it } from 'vitest';
import { Rng } from '@hepuq/core';
import { twoTarget2dToy, twoTargetTruth } from './two-target.toy.js';
import { moments, sameArray, thrown } from './spec-helpers.js';

/** Pulls (y - true_mean) / true_sigma of target `t`. */
function pulls(ds: ReturnType<typeof twoTarget2dToy.generate>, t: 'y1' | 'y2'): Float64Array {
  const y = ds.targets.find((c) => c.name === t)!.values;
  return Float64Array.from(y, (v, i) => (v - ds.extras[`true_mean_${t}`][i]) / ds.extras[`true_sigma_${t}`][i]);
}

function correlation(a: Float64Array, b: Float64Array): number {
  const ma = moments(a);
  const mb = moments(b);
  let s = 0;
  for (let i = 0; i < a.length; i++) s += (a[i] - ma.mean) * (b[i] - mb.mean);
  return s / (a.length * ma.std * mb.std);
}

describe('two-target-2d', () => {
  it('has two named targets whose pulls against the truth columns are standard normal and independent', () => {
    const ds = twoTarget2dToy.generate(50_000, {}, new Rng(61));
    expect(ds.targets.map((t) => t.name)).toEqual(['y1', 'y2']);
    expect(ds.target).toBe(ds.targets[0].values);
    const p1 = pulls(ds, 'y1');
    const p2 = pulls(ds, 'y2');
    // 5e4 events: standard error of a mean 0.0045, of a std 0.0032, of a correlation 0.0045; allow 0.02
    for (const p of [p1, p2]) {
      expect(Math.abs(moments(p).mean)).toBeLessThan(0.02);
      expect(Math.abs(moments(p).std - 1)).toBeLessThan(0.02);
    }
    expect(Math.abs(correlation(p1, p2))).toBeLessThan(0.02);
    const i = 17;
    const truth = twoTargetTruth(ds.features.x1[i], ds.features.x2[i]);
    expect(ds.extras.true_mean_y2[i]).toBeCloseTo(truth.mean[1], 5);
    expect(ds.extras.true_sigma_y2[i]).toBeCloseTo(truth.sigma[1], 5);
  });

  it('correlates the noise as asked', () => {
    const ds = twoTarget2dToy.generate(50_000, { correlation: 0.6 }, new Rng(62));
    expect(Math.abs(correlation(pulls(ds, 'y1'), pulls(ds, 'y2')) - 0.6)).toBeLessThan(0.02);
  });

  it('subsets and splits carry both targets; reproducible; bad options rejected', () => {
    const ds = twoTarget2dToy.generate(1000, {}, new Rng(63));
    const { train } = ds.split(3, 0.5);
    expect(train.targets.map((t) => t.name)).toEqual(['y1', 'y2']);
    expect(train.targets[1].values.length).toBe(500);
    expect([...ds.allColumns()].map(([name]) => name)).toContain('y2');
    expect(sameArray(ds.targets[1].values, twoTarget2dToy.generate(1000, {}, new Rng(63)).targets[1].values)).toBe(true);
    expect(thrown(() => twoTarget2dToy.generate(10, { correlation: 1 }, new Rng(1))).code).toBe('InvalidConfig');
  });
});
