import { describe, expect, it } from 'vitest';
import { Rng } from '@hepuq/core';
import { threeClass2dToy, threeClassMean, threeClassTrueProbs } from './three-class.toy.js';
import { calibrationPull, moments, sameArray, thrown } from './spec-helpers.js';

describe('three-class-2d', () => {
  it('has the requested class fractions and calibrated true_prob_k for every class', () => {
    const ds = threeClass2dToy.generate(100_000, { fractions: [2, 1, 1] }, new Rng(51));
    const label = ds.label!;
    for (const [k, f] of [[0, 0.5], [1, 0.25], [2, 0.25]]) {
      const isK = Float32Array.from(label, (y) => (y === k ? 1 : 0));
      // binomial standard error <= sqrt(0.25 / 1e5) = 0.0016; allow 0.007
      expect(Math.abs(moments(isK).mean - f)).toBeLessThan(0.007);
      // 10 bins: the worst of 10 |z| exceeds 4 with probability 6e-4 for exact truth
      expect(calibrationPull(isK, ds.extras[`true_prob_${k}`])).toBeLessThan(4);
    }
    for (let i = 0; i < ds.n; i += 997) {
      const p = [0, 1, 2].map((k) => ds.extras[`true_prob_${k}`][i]);
      expect(p[0] + p[1] + p[2]).toBeCloseTo(1, 5);
    }
  });

  it('exact probabilities have the power to see a wrong truth', () => {
    const ds = threeClass2dToy.generate(100_000, {}, new Rng(52));
    const isTop = Float32Array.from(ds.label!, (y) => (y === 2 ? 1 : 0));
    // the truth of equal widths is a different model: the calibration check rejects it
    const wrong = Float64Array.from(ds.features.x1, (x, i) => threeClassTrueProbs(x, ds.features.x2[i], { separation: 1.5, widths: [1, 1, 1], fractions: [0.5, 0.3, 0.2] })[2]);
    expect(calibrationPull(isTop, wrong)).toBeGreaterThan(10);
  });

  it('places class k at separation (cos, sin)(90 + 120 k degrees) with width w_k', () => {
    const ds = threeClass2dToy.generate(90_000, { separation: 2, widths: [0.5, 1, 1.5], fractions: [1, 1, 1] }, new Rng(53));
    for (const k of [0, 1, 2]) {
      const rows = [...ds.label!.keys()].filter((i) => ds.label![i] === k);
      const m1 = moments(Float64Array.from(rows, (i) => ds.features.x1[i]));
      const m2 = moments(Float64Array.from(rows, (i) => ds.features.x2[i]));
      const [e1, e2] = threeClassMean(k, 2);
      const w = [0.5, 1, 1.5][k];
      // 3e4 events per class: standard error of the mean w / 173 <= 0.009, of the std <= 0.006; allow 0.03
      expect(Math.abs(m1.mean - e1)).toBeLessThan(0.03);
      expect(Math.abs(m2.mean - e2)).toBeLessThan(0.03);
      expect(Math.abs(m1.std - w)).toBeLessThan(0.03);
    }
  });

  it('is reproducible from the seed and rejects bad options', () => {
    const a = threeClass2dToy.generate(500, {}, new Rng(7));
    const b = threeClass2dToy.generate(500, {}, new Rng(7));
    expect(sameArray(a.features.x1, b.features.x1)).toBe(true);
    expect(sameArray(a.label!, b.label!)).toBe(true);
    expect(thrown(() => threeClass2dToy.generate(10, { widths: [1, 0, 1] }, new Rng(1)))).toMatchObject({ code: 'InvalidConfig' });
    expect(thrown(() => threeClass2dToy.generate(10, { fractions: [1, 1] } as never, new Rng(1)))).toMatchObject({ code: 'InvalidConfig' });
  });
});
