import { describe, expect, it } from 'vitest';
import { Rng } from '@hepuq/core';
import { aucFromRanked, normalCdf, poissonBootstrapStd, rankEvents } from '@hepuq/stats';
import { aware2dAuc, aware2dToy, aware2dTrueProb } from './aware-2d.toy.js';
import { calibrationPull, moments, ofClass, thrown } from './spec-helpers.js';

/** Weighted AUC with its Poisson-bootstrap std (50 replicas, fixed seed). */
function aucWithError(score: Float32Array, label: Float32Array): { value: number; error: number } {
  const ranked = rankEvents(score, label, new Float32Array(score.length).fill(1));
  return { value: aucFromRanked(ranked), error: poissonBootstrapStd(score.length, 50, new Rng(0), (k) => aucFromRanked(ranked, k)) };
}

describe('aware-2d', () => {
  it('gives the analytic AUC of the classifier optimal at zc on data at z', () => {
    for (const [zData, zc] of [[Math.PI / 4, Math.PI / 4], [Math.PI / 4, 0], [0, 1.2], [0.3, -0.9]]) {
      const ds = aware2dToy.generate(40_000, { z: zData }, new Rng(21));
      // the optimal score at zc is monotone in the projection x . (cos zc, sin zc)
      const score = Float32Array.from(ds.features.x1, (x1, i) => x1 * Math.cos(zc) + ds.features.x2[i] * Math.sin(zc));
      const { value, error } = aucWithError(score, ds.label!);
      // statistical test: 4 bootstrap standard deviations (the std itself is known to ~10% from 50 replicas)
      expect(Math.abs(value - aware2dAuc(zData, zc)), `z=${zData} zc=${zc}`).toBeLessThan(4 * error);
    }
  });

  it('has the closed-form optimum and symmetric degradation', () => {
    expect(aware2dAuc(0.4, 0.4)).toBeCloseTo(normalCdf(Math.SQRT2 / 0.7), 12);
    expect(aware2dAuc(0.4, 0.4)).toBeCloseTo(0.97832, 4);
    expect(aware2dAuc(0, Math.PI / 2)).toBeCloseTo(0.5, 12);
    expect(aware2dAuc(0.2, 0.7)).toBeCloseTo(aware2dAuc(0.7, 0.2), 12);
    expect(aware2dAuc(0, Math.PI)).toBeLessThan(0.05); // a classifier at the opposite angle anti-separates
    const e = thrown(() => aware2dAuc(0, 0, 0));
    expect(e.code).toBe('InvalidArgument');
    expect(e.hint).toMatch(/sigma/);
  });

  it('draws Z from N(zNominal, zStd), rotates the means and has a calibrated posterior given Z', () => {
    const ds = aware2dToy.generate(100_000, {}, new Rng(22));
    const z = moments(ds.nuisances.z);
    // 1e5 normals: standard error of the mean 0.5 / 316 = 0.0016, of the std 0.0011; allow 0.008 / 0.006
    expect(Math.abs(z.mean - Math.PI / 4)).toBeLessThan(0.008);
    expect(Math.abs(z.std - 0.5)).toBeLessThan(0.006);
    // E[r cos Z] for Z ~ N(pi/4, 0.5) = cos(pi/4) e^{-0.125}; class means are +- that (std error 0.004)
    const expected = Math.cos(Math.PI / 4) * Math.exp(-0.125);
    expect(Math.abs(moments(ofClass(ds.label!, ds.features.x1, 1)).mean - expected)).toBeLessThan(0.02);
    expect(Math.abs(moments(ofClass(ds.label!, ds.features.x2, 0)).mean + expected)).toBeLessThan(0.02);
    // exact truth: the worst of 10 bin pulls exceeds 4 with probability ~6e-4
    expect(calibrationPull(ds.label!, ds.extras.true_prob)).toBeLessThan(4);
    // the nominal-Z posterior is over-confident on data with spread Z: the check sees it
    expect(calibrationPull(ds.label!, ds.extras.true_prob_nominal)).toBeGreaterThan(10);
  });

  it('uses fixed and discrete Z; at z = zNominal the nominal posterior is the truth', () => {
    const at = aware2dToy.generate(1000, { z: Math.PI / 4, sigma: 0.5, radius: 2, signalFraction: 0.2 }, new Rng(23));
    // equal up to the float32 rounding of the stored Z (pi/4 in float32 differs by 2e-8)
    expect(at.extras.true_prob_nominal.every((p, i) => Math.abs(p - at.extras.true_prob[i]) < 1e-6)).toBe(true);
    for (let i = 0; i < at.n; i += 97) {
      expect(at.extras.true_prob[i]).toBeCloseTo(aware2dTrueProb(at.features.x1[i], at.features.x2[i], Math.fround(Math.PI / 4), 0.5, 2, 0.2), 6);
    }
    const two = aware2dToy.generate(2000, { zValues: [0, 1] }, new Rng(24));
    expect(two.nuisances.z.every((v) => v === 0 || v === 1)).toBe(true);
    expect(new Set(two.nuisances.z).size).toBe(2);
  });

  it('rejects bad options naming them', () => {
    const rng = new Rng(0);
    expect(thrown(() => aware2dToy.generate(10, { zStd: -1 }, rng)).message).toMatch(/options\.zStd/);
    expect(thrown(() => aware2dToy.generate(10, { sigma: 0 }, rng)).message).toMatch(/options\.sigma/);
    expect(thrown(() => aware2dToy.generate(10, { z: 0, zValues: [1] }, rng)).message).toMatch(/options\.zValues/);
  });
});
