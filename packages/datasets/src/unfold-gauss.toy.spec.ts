import { describe, expect, it } from 'vitest';
import { Rng } from '@hepuq/core';
import { normalPdf } from '@hepuq/stats';
import { binnedClosure } from './binned-closure.js';
import { unfoldGaussBinProbabilities, unfoldGaussParticleLevel, unfoldGaussToy } from './unfold-gauss.toy.js';
import { moments, sameArray, thrown } from './spec-helpers.js';

/** 20 bins over +-2.5 with under- and overflow: every bin expects >= ~500 of 1e5 events. */
const EDGES = [-Infinity, ...Array.from({ length: 19 }, (_, k) => -2.25 + 0.25 * k), Infinity];
/**
 * chi^2(ndf) has mean ndf and sd sqrt(2 ndf); ndf + 5 sd is exceeded with probability ~1e-4 (ndf = 19: chi2 > 50),
 * so a correct generator passes and a shifted one (chi2 in the thousands) fails.
 */
const chi2Limit = (ndf: number) => ndf + 5 * Math.sqrt(2 * ndf);
const diff = (a: Float32Array, b: Float32Array) => Float64Array.from(a, (v, i) => b[i] - v);

describe('unfold-gauss', () => {
  const sim = unfoldGaussToy.generate(100_000, {}, new Rng(71));
  const nature = unfoldGaussToy.generate(100_000, { sample: 'nature' }, new Rng(72));

  it('draws gen_x from the sample\'s exact Gaussian: sim N(0, 1), nature N(0.2, 0.8^2)', () => {
    for (const [ds, sample] of [[sim, 'sim'], [nature, 'nature']] as const) {
      const c = binnedClosure(ds.features.gen_x, ds.weights, EDGES, unfoldGaussBinProbabilities(EDGES, { sample }));
      expect(c.ndf).toBe(19);
      expect(c.chi2, sample).toBeLessThan(chi2Limit(c.ndf));
    }
    // the check has power: sim against the nature truth is far off (measured chi2 1.05e4)
    const wrong = binnedClosure(sim.features.gen_x, sim.weights, EDGES, unfoldGaussBinProbabilities(EDGES, { sample: 'nature' }));
    expect(wrong.chi2).toBeGreaterThan(1000);
    // given mu / sigma override the sample's
    const custom = unfoldGaussToy.generate(100_000, { mu: 1, sigma: 2, sample: 'nature' }, new Rng(73));
    const scaled = EDGES.map((e) => 1 + 2 * e);
    const c = binnedClosure(custom.features.gen_x, custom.weights, scaled, unfoldGaussBinProbabilities(scaled, { mu: 1, sigma: 2 }));
    expect(c.chi2).toBeLessThan(chi2Limit(c.ndf));
  });

  it('smears reco_x = gen_x + N(0, smearing^2) and has efficiency 1, no fakes, unit weights', () => {
    const r = moments(diff(sim.features.gen_x, sim.features.reco_x));
    // 1e5 residuals of sd 0.5: standard error 0.0016 on the mean, 0.0011 on the sd; allow 0.008 / 0.006
    expect(Math.abs(r.mean)).toBeLessThan(0.008);
    expect(Math.abs(r.std - 0.5)).toBeLessThan(0.006);
    const c = binnedClosure(nature.features.reco_x, nature.weights, EDGES, unfoldGaussBinProbabilities(EDGES, { sample: 'nature' }, 'reco'));
    expect(c.chi2).toBeLessThan(chi2Limit(c.ndf));
    for (const col of [sim.extras.pass_gen, sim.extras.pass_reco, sim.weights]) expect(col.every((v) => v === 1)).toBe(true);
    expect(sim.featureNames).toEqual(['gen_x', 'reco_x']);
    const perfect = unfoldGaussToy.generate(1000, { smearing: 0 }, new Rng(74));
    expect(sameArray(perfect.features.reco_x, perfect.features.gen_x)).toBe(true);
    const wide = unfoldGaussToy.generate(100_000, { smearing: 2 }, new Rng(75));
    // sd 2 from 1e5 residuals: standard error 0.0045; allow 0.025
    expect(Math.abs(moments(diff(wide.features.gen_x, wide.features.reco_x)).std - 2)).toBeLessThan(0.025);
  });

  it('carries the particle-level density of the stored gen value as true_density', () => {
    for (let i = 0; i < nature.n; i += 997) {
      expect(nature.extras.true_density[i]).toBeCloseTo(normalPdf((nature.features.gen_x[i] - 0.2) / 0.8) / 0.8, 6);
    }
  });

  it('states the exact particle level per sample and its bin probabilities', () => {
    expect(unfoldGaussParticleLevel()).toEqual({ mu: 0, sigma: 1 });
    expect(unfoldGaussParticleLevel({ sample: 'nature' })).toEqual({ mu: 0.2, sigma: 0.8 });
    expect(unfoldGaussParticleLevel({ sample: 'nature', sigma: 3 })).toEqual({ mu: 0.2, sigma: 3 });
    expect(Array.from(unfoldGaussBinProbabilities([-Infinity, 0, Infinity]))).toEqual([0.5, 0.5]);
    // Phi(1) - Phi(-1) = 0.682689492137; reco of sim has sd sqrt(1 + 0.25)
    expect(unfoldGaussBinProbabilities([-1, 1])[0]).toBeCloseTo(0.682689492137, 10);
    expect(unfoldGaussBinProbabilities([-Math.sqrt(1.25), Math.sqrt(1.25)], {}, 'reco')[0]).toBeCloseTo(0.682689492137, 10);
    const total = unfoldGaussBinProbabilities(EDGES, { sample: 'nature' }).reduce((s, p) => s + p, 0);
    expect(total).toBeCloseTo(1, 12);
    // far upper tail: no cancellation to 0 (Phi(-9) - Phi(-10) = 1.12851e-19, erfc to ~1e-16 relative)
    expect(unfoldGaussBinProbabilities([9, 10])[0] / 1.1285122074236e-19).toBeCloseTo(1, 10);
  });

  it('is reproducible by seed; sim and nature differ for the same seed', () => {
    const a = unfoldGaussToy.generate(500, {}, new Rng(5));
    const b = unfoldGaussToy.generate(500, {}, new Rng(5));
    const n = unfoldGaussToy.generate(500, { sample: 'nature' }, new Rng(5));
    expect(sameArray(a.features.reco_x, b.features.reco_x)).toBe(true);
    expect(sameArray(a.features.gen_x, n.features.gen_x)).toBe(false);
  });

  it('rejects bad options and bin edges naming them', () => {
    const rng = new Rng(0);
    const bad = thrown(() => unfoldGaussToy.generate(10, { sample: 'data' } as never, rng));
    expect(bad.code).toBe('InvalidConfig');
    expect(bad.message).toMatch(/toy "unfold-gauss": options\.sample/);
    expect(thrown(() => unfoldGaussToy.generate(10, { sigma: 0 }, rng)).message).toMatch(/options\.sigma/);
    expect(thrown(() => unfoldGaussToy.generate(10, { smearing: -1 }, rng)).message).toMatch(/options\.smearing/);
    expect(thrown(() => unfoldGaussToy.generate(10, { resolution: 1 } as never, rng)).message).toMatch(/resolution/);
    const helper = thrown(() => unfoldGaussParticleLevel({ sigma: -1 }));
    expect(helper.code).toBe('InvalidArgument');
    expect(helper.message).toMatch(/options\.sigma/);
    const edges = thrown(() => unfoldGaussBinProbabilities([0, 1, 1]));
    expect(edges.message).toMatch(/edges\[2\] = 1 after 1/);
    expect(edges.hint).toMatch(/Infinity/);
    expect(thrown(() => unfoldGaussBinProbabilities([0])).message).toMatch(/at least 2 bin edges/);
  });
});
