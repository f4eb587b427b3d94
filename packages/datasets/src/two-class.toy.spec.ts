import { describe, expect, it } from 'vitest';
import { Rng, type Dataset } from '@hepuq/core';
import { twoClass2dToy, twoClassTrueProb } from './two-class.toy.js';
import { calibrationPull, moments, sameArray, thrown } from './spec-helpers.js';

function classColumn(ds: Dataset, col: Float32Array, label: number): Float64Array {
  return Float64Array.from(col.filter((_, i) => ds.label![i] === label));
}

describe('two-class-2d', () => {
  it('has the requested signal fraction and calibrated true_prob', () => {
    const ds = twoClass2dToy.generate(100_000, { signalFraction: 0.3 }, new Rng(41));
    // binomial standard error sqrt(0.21 / 1e5) = 0.0015; allow 0.007
    expect(Math.abs(moments(ds.label!).mean - 0.3)).toBeLessThan(0.007);
    // 10 bins: the worst of 10 |z| exceeds 4 with probability 6e-4 for exact truth
    expect(calibrationPull(ds.label!, ds.extras.true_prob)).toBeLessThan(4);
    // true_prob is the stored value of the formula at the event's x1
    for (let i = 0; i < ds.n; i += 211) {
      expect(ds.extras.true_prob[i]).toBeCloseTo(twoClassTrueProb(ds.features.x1[i], 0, { separation: 2, width: 1, signalFraction: 0.3 }), 6);
    }
  });

  it('places the classes at +-separation/2 with the given width', () => {
    const ds = twoClass2dToy.generate(100_000, { separation: 3, width: 0.5 }, new Rng(42));
    const s = moments(classColumn(ds, ds.features.x1, 1));
    const b = moments(classColumn(ds, ds.features.x1, 0));
    // per class ~5e4 events: standard error of the mean 0.5 / 224 = 0.0022, of the std 0.0016; allow 0.01
    expect(Math.abs(s.mean - 1.5)).toBeLessThan(0.01);
    expect(Math.abs(b.mean + 1.5)).toBeLessThan(0.01);
    expect(Math.abs(s.std - 0.5)).toBeLessThan(0.01);
    expect(Math.abs(moments(ds.features.x2).std - 0.5)).toBeLessThan(0.01);
    expect(ds.nuisances).toEqual({});
  });

  it('nuisance Z shifts only the background and true_prob given Z stays calibrated', () => {
    const ds = twoClass2dToy.generate(100_000, { nuisance: { sigma: 1 } }, new Rng(43));
    const z = ds.nuisances.z;
    // standard error of the std of 1e5 normals is 0.0022; allow 0.01
    expect(Math.abs(moments(z).std - 1)).toBeLessThan(0.01);
    // background x1 = -1 + Z + N(0, 1): variance 2 (standard error 2 sqrt(2 / 5e4) = 0.013, allow 0.06); signal variance 1
    expect(Math.abs(moments(classColumn(ds, ds.features.x1, 0)).std ** 2 - 2)).toBeLessThan(0.06);
    expect(Math.abs(moments(classColumn(ds, ds.features.x1, 1)).std ** 2 - 1)).toBeLessThan(0.03);
    expect(calibrationPull(ds.label!, ds.extras.true_prob)).toBeLessThan(4);
    // ignoring Z mis-calibrates: the check has the power to see a wrong truth
    const blind = Float64Array.from(ds.features.x1, (x) => twoClassTrueProb(x, 0));
    expect(calibrationPull(ds.label!, blind)).toBeGreaterThan(10);
  });

  it('is reproducible from the seed', () => {
    const o = { nuisance: { sigma: 0.5 } };
    const a = twoClass2dToy.generate(500, o, new Rng(7));
    const b = twoClass2dToy.generate(500, o, new Rng(7));
    expect(sameArray(a.features.x1, b.features.x1) && sameArray(a.label!, b.label!) && sameArray(a.nuisances.z, b.nuisances.z)).toBe(true);
    expect(sameArray(a.features.x1, twoClass2dToy.generate(500, o, new Rng(8)).features.x1)).toBe(false);
  });

  it('rejects bad options', () => {
    const rng = new Rng(0);
    expect(thrown(() => twoClass2dToy.generate(10, { signalFraction: 1 }, rng)).message).toMatch(/options\.signalFraction/);
    expect(thrown(() => twoClass2dToy.generate(10, { nuisance: { sigma: 0 } }, rng)).message).toMatch(/options\.nuisance\.sigma/);
    expect(thrown(() => twoClass2dToy.generate(10, { nuisance: { sigma: 1, mean: 2 } } as never, rng)).message).toMatch(/mean/);
  });
});
