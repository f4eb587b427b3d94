import { describe, expect, it } from 'vitest';
import { Rng } from '@hepuq/core';
import { aucFromRanked, rankEvents } from '@hepuq/stats';
import { pivot2dMarginalProb, pivot2dToy, pivot2dTrueProb } from './pivot-2d.toy.js';
import { calibrationPull, moments, ofClass, thrown } from './spec-helpers.js';

const auc = (p: Float32Array, label: Float32Array) => aucFromRanked(rankEvents(p, label, new Float32Array(p.length).fill(1)));

/** Sample covariance of two equally long columns. */
function cov(a: Float64Array, b: Float64Array): number {
  const ma = moments(a).mean;
  const mb = moments(b).mean;
  let s = 0;
  for (let i = 0; i < a.length; i++) s += (a[i] - ma) * (b[i] - mb);
  return s / (a.length - 1);
}

describe('pivot-2d', () => {
  const ds = pivot2dToy.generate(100_000, {}, new Rng(11));
  const label = ds.label!;

  it('draws the Louppe et al. classes: signal N(0, [[1, -1/2], [-1/2, 1]]), background N((1, 1 + Z), I)', () => {
    const s1 = ofClass(label, ds.features.x1, 1);
    const s2 = ofClass(label, ds.features.x2, 1);
    const b1 = ofClass(label, ds.features.x1, 0);
    const b2 = ofClass(label, ds.features.x2, 0);
    // ~5e4 events per class: standard error of a mean <= sqrt(2 / 5e4) = 0.0063, of a (co)variance of
    // O(1) Gaussians <= sqrt(2 * 4 / 5e4) = 0.013 (background x2 has variance 2); allow 0.03 / 0.05
    expect(Math.abs(moments(s1).mean)).toBeLessThan(0.03);
    expect(Math.abs(cov(s1, s2) + 0.5)).toBeLessThan(0.03);
    expect(Math.abs(moments(s2).std ** 2 - 1)).toBeLessThan(0.03);
    expect(Math.abs(moments(b1).mean - 1)).toBeLessThan(0.03);
    expect(Math.abs(moments(b2).mean - 1)).toBeLessThan(0.03);
    // background x2 = 1 + Z + N(0, 1) with Z ~ N(0, 1): variance 2
    expect(Math.abs(moments(b2).std ** 2 - 2)).toBeLessThan(0.05);
    // every event carries Z ~ N(0, 1), also signal, where it has no effect (x2 independent of Z)
    expect(Math.abs(moments(ds.nuisances.z).std - 1)).toBeLessThan(0.01);
    expect(Math.abs(cov(s2, ofClass(label, ds.nuisances.z, 1)))).toBeLessThan(0.02);
  });

  it('has calibrated posteriors given Z and with Z marginalised; a wrong Z fails the check', () => {
    // exact truth: the worst of 10 bin pulls exceeds 4 with probability ~6e-4
    expect(calibrationPull(label, ds.extras.true_prob)).toBeLessThan(4);
    expect(calibrationPull(label, ds.extras.true_prob_marginal)).toBeLessThan(4);
    // the check has power: assuming Z = 0 everywhere (the nominal classifier) is visibly off
    const nominal = Float64Array.from(ds.features.x1, (x1, i) => pivot2dTrueProb(x1, ds.features.x2[i], 0));
    expect(calibrationPull(label, nominal)).toBeGreaterThan(10);
    for (let i = 0; i < ds.n; i += 997) {
      expect(ds.extras.true_prob[i]).toBeCloseTo(pivot2dTrueProb(ds.features.x1[i], ds.features.x2[i], ds.nuisances.z[i]), 6);
    }
  });

  it('reproduces the AUCs the README quotes (measured on 2e6 events)', () => {
    // 1e5 events: the bootstrap std of these AUCs is ~0.001 (0.0002 at 2e6, times sqrt 20); allow 0.005
    expect(Math.abs(auc(ds.extras.true_prob, label) - 0.8981)).toBeLessThan(0.005);
    expect(Math.abs(auc(ds.extras.true_prob_marginal, label) - 0.8584)).toBeLessThan(0.005);
    const atZero = pivot2dToy.generate(100_000, { z: 0 }, new Rng(12));
    expect(Math.abs(auc(atZero.extras.true_prob, atZero.label!) - 0.8801)).toBeLessThan(0.005);
  });

  it('supports a fixed Z and discrete Z values with the matching marginal posterior', () => {
    const fixed = pivot2dToy.generate(2000, { z: 0.5 }, new Rng(13));
    expect(fixed.nuisances.z.every((v) => v === 0.5)).toBe(true);
    // a point-mass prior: the marginal posterior is the conditional one
    expect(Array.from(fixed.extras.true_prob_marginal)).toEqual(Array.from(fixed.extras.true_prob));

    const two = pivot2dToy.generate(100_000, { zValues: [-1, 1], signalFraction: 0.3 }, new Rng(14));
    const plus = two.nuisances.z.filter((v) => v === 1).length;
    expect(two.nuisances.z.every((v) => v === 1 || v === -1)).toBe(true);
    // binomial std of the count is sqrt(1e5 / 4) = 158; allow 800
    expect(Math.abs(plus - 50_000)).toBeLessThan(800);
    expect(calibrationPull(two.label!, two.extras.true_prob)).toBeLessThan(4);
    expect(calibrationPull(two.label!, two.extras.true_prob_marginal)).toBeLessThan(4);
    // the two-point mixture is not the Gaussian-prior marginal
    const gaussian = Float64Array.from(two.features.x1, (x1, i) => pivot2dMarginalProb(x1, two.features.x2[i], { zStd: 1, signalFraction: 0.3 }));
    expect(calibrationPull(two.label!, gaussian)).toBeGreaterThan(4);
  });

  it('rejects bad options naming them', () => {
    const rng = new Rng(0);
    const zero = thrown(() => pivot2dToy.generate(10, { zStd: 0 }, rng));
    expect(zero.code).toBe('InvalidConfig');
    expect(zero.message).toMatch(/toy "pivot-2d": options\.zStd/);
    expect(thrown(() => pivot2dToy.generate(10, { z: 1, zValues: [0, 1] }, rng)).message).toMatch(/options\.zValues.*not both/);
    expect(thrown(() => pivot2dToy.generate(10, { zValues: [] }, rng)).message).toMatch(/options\.zValues/);
    expect(thrown(() => pivot2dToy.generate(10, { sigma: 1 } as never, rng)).message).toMatch(/sigma/);
  });
});
