import { describe, expect, it } from 'vitest';
import { Rng, type Dataset } from '@hepuq/core';
import { binnedClosure } from './binned-closure.js';
import {
  UNFOLD_MULTI_OBSERVABLES, UNFOLD_MULTI_SAMPLES, unfoldMultiBinProbabilities, unfoldMultiDensity, unfoldMultiFakeBinProbabilities,
  unfoldMultiToLatent, type UnfoldMultiObservable,
} from './unfold-multi-observables.js';
import {
  UnfoldMultiOptions, unfoldMultiDetector, unfoldMultiEfficiency, unfoldMultiMeanEfficiency, unfoldMultiToy,
} from './unfold-multi.toy.js';
import { calibrationPull, moments, ofClass, sameArray, thrown } from './spec-helpers.js';

/** Gen bins (with the range ends as outer edges): the smallest expects ~1% of 1.9e5 true events. */
const EDGES: Record<UnfoldMultiObservable, number[]> = {
  mass: [0, 6, 8, 10, 12, 14, 16, 18, 20, 22, 25, 28, 32, 37, 45, 60, Infinity],
  width: [0, 0.04, 0.06, 0.08, 0.1, 0.12, 0.14, 0.16, 0.18, 0.2, 0.23, 0.26, 0.3, 0.35, 0.45, 1],
  mult: [0, 10, 12, 14, 16, 18, 20, 22, 24, 26, 28, 31, 35, 40, Infinity],
};
/** Coarser reco bins for the ~1e4 fakes: the smallest expects >= ~300. */
const FAKE_EDGES: Record<UnfoldMultiObservable, number[]> = {
  mass: [0, 5, 8, 11, 14, 18, 24, Infinity],
  width: [0, 0.15, 0.22, 0.29, 0.36, 0.45, 1],
  mult: [0, 11, 14, 17, 20, 24, Infinity],
};
/** chi^2(ndf) has mean ndf and sd sqrt(2 ndf); ndf + 5 sd is exceeded with probability ~1e-4 for ndf 6-16. */
const chi2Limit = (ndf: number) => ndf + 5 * Math.sqrt(2 * ndf);
const DEFAULTS = UnfoldMultiOptions.parse({});
const N = 200_000;

const gen = (ds: Dataset, obs: UnfoldMultiObservable) => ds.features[`gen_${obs}`];
const reco = (ds: Dataset, obs: UnfoldMultiObservable) => ds.features[`reco_${obs}`];
const closure = (ds: Dataset, obs: UnfoldMultiObservable, sample: 'sim' | 'nature', weights = ds.weights) =>
  binnedClosure(gen(ds, obs), weights, EDGES[obs], unfoldMultiBinProbabilities(obs, EDGES[obs], { sample }), ds.extras.pass_gen);

/** Pearson correlation of the latent coordinates of two gen observables over the true events. */
function latentCorrelation(ds: Dataset, a: UnfoldMultiObservable, b: UnfoldMultiObservable): number {
  const za = ofClass(ds.extras.pass_gen, gen(ds, a), 1).map((x) => unfoldMultiToLatent(a, x));
  const zb = ofClass(ds.extras.pass_gen, gen(ds, b), 1).map((x) => unfoldMultiToLatent(b, x));
  const ma = moments(za);
  const mb = moments(zb);
  let s = 0;
  for (let i = 0; i < za.length; i++) s += (za[i] - ma.mean) * (zb[i] - mb.mean);
  return s / (za.length - 1) / (ma.std * mb.std);
}

describe('unfold-multi', () => {
  const sim = unfoldMultiToy.generate(N, {}, new Rng(81));
  const nature = unfoldMultiToy.generate(N, { sample: 'nature' }, new Rng(82));

  it('draws every gen marginal from its exact distribution, and nature differs from sim', () => {
    for (const [ds, sample] of [[sim, 'sim'], [nature, 'nature']] as const) {
      for (const obs of UNFOLD_MULTI_OBSERVABLES) expect(closure(ds, obs, sample).chi2, `${sample} ${obs}`).toBeLessThan(chi2Limit(EDGES[obs].length - 2));
    }
    // shifts of 0.2-0.3 latent sd are plain at this size (measured chi2: mass 1.8e4, width 7.6e3, mult 1.2e4)
    for (const obs of UNFOLD_MULTI_OBSERVABLES) expect(closure(sim, obs, 'nature').chi2, obs).toBeGreaterThan(1000);
    expect(sim.featureNames).toEqual(['gen_mass', 'gen_width', 'gen_mult', 'reco_mass', 'reco_width', 'reco_mult']);
    expect(sim.n).toBe(N);
  });

  it('correlates the observables as the sample states', () => {
    // ~1.9e5 true events: standard error of a correlation (1 - rho^2) / sqrt(n) <= 0.0023; allow 0.012
    for (const [ds, sample] of [[sim, 'sim'], [nature, 'nature']] as const) {
      const { corr } = UNFOLD_MULTI_SAMPLES[sample];
      expect(Math.abs(latentCorrelation(ds, 'mass', 'width') - corr[0][1]), sample).toBeLessThan(0.012);
      expect(Math.abs(latentCorrelation(ds, 'mass', 'mult') - corr[0][2]), sample).toBeLessThan(0.012);
      expect(Math.abs(latentCorrelation(ds, 'width', 'mult') - corr[1][2]), sample).toBeLessThan(0.012);
    }
  });

  it('carries the normalised joint particle-level density (0 for fakes)', () => {
    for (let i = 0; i < nature.n; i += 1009) {
      const g = UNFOLD_MULTI_OBSERVABLES.map((obs) => gen(nature, obs)[i]);
      const expected = nature.extras.pass_gen[i] === 1 ? unfoldMultiDensity(g[0], g[1], g[2], 'nature') : 0;
      expect(nature.extras.true_density[i]).toBeCloseTo(expected, 8);
    }
    // midpoint rule on a 60^3 grid over (0, 200] x (0, 1) x (0, 80] (outside: < 1e-5 of the mass);
    // measured 1.00002 (sim) and 0.99998 (nature), so 1e-3 leaves room
    for (const sample of ['sim', 'nature'] as const) {
      const m = 60;
      let sum = 0;
      for (let a = 0; a < m; a++) {
        for (let b = 0; b < m; b++) {
          for (let c = 0; c < m; c++) sum += unfoldMultiDensity((200 * (a + 0.5)) / m, (b + 0.5) / m, (80 * (c + 0.5)) / m, sample);
        }
      }
      expect(Math.abs((sum * 200 * 80) / m ** 3 - 1), sample).toBeLessThan(1e-3);
    }
  });

  it('reconstructs true events with the stated efficiency and zeroes the lost ones', () => {
    const passGen = sim.extras.pass_gen;
    const passReco = ofClass(passGen, sim.extras.pass_reco, 1);
    const width = ofClass(passGen, gen(sim, 'width'), 1);
    const eps = Float64Array.from(ofClass(passGen, gen(sim, 'mass'), 1), (m, i) => unfoldMultiEfficiency(m, width[i], DEFAULTS));
    expect(eps.every((e) => e >= 0.6 && e <= 0.95)).toBe(true);
    // pass_reco ~ Bernoulli(eps(gen)): the worst of 10 calibration pulls exceeds 4 with probability ~6e-4
    expect(calibrationPull(Float32Array.from(passReco), eps)).toBeLessThan(4);
    // binomial standard error sqrt(0.775 * 0.225 / 1.9e5) = 0.001; allow 0.004
    expect(Math.abs(moments(passReco).mean - unfoldMultiMeanEfficiency())).toBeLessThan(0.004);
    const natureEfficiency = moments(ofClass(nature.extras.pass_gen, nature.extras.pass_reco, 1)).mean;
    expect(Math.abs(natureEfficiency - unfoldMultiMeanEfficiency({ sample: 'nature' }))).toBeLessThan(0.004);
    const lostWithReco = UNFOLD_MULTI_OBSERVABLES.map((obs) => reco(sim, obs).filter((v, i) => sim.extras.pass_reco[i] === 0 && v !== 0).length);
    expect(lostWithReco).toEqual([0, 0, 0]);
    // the efficiency options move only pass_reco and the reco columns: every row draws the same 8 numbers
    const flat = unfoldMultiToy.generate(2000, { efficiencySlope: 0, efficiencyMin: 0.7, efficiencyMax: 0.9, smearing: 2 }, new Rng(81));
    for (const obs of UNFOLD_MULTI_OBSERVABLES) expect(sameArray(gen(flat, obs), gen(sim, obs).subarray(0, 2000))).toBe(true);
    expect(unfoldMultiEfficiency(5, 0.9, { efficiencySlope: 0, efficiencyMin: 0.7, efficiencyMax: 0.9 })).toBeCloseTo(0.8, 12);
    const all = unfoldMultiToy.generate(5000, { efficiencyMin: 1, efficiencyMax: 1, fakeRate: 0 }, new Rng(83));
    expect(all.extras.pass_reco.every((v) => v === 1)).toBe(true);
  });

  it('adds fakes at fakeRate: reco only, from the stated background, always reconstructed', () => {
    const fake = Float32Array.from(sim.extras.pass_gen, (v) => 1 - v);
    // binomial standard error sqrt(0.05 * 0.95 / 2e5) = 0.0005; allow 0.002
    expect(Math.abs(moments(fake).mean - 0.05)).toBeLessThan(0.002);
    const ofFakes = (col: Float32Array) => ofClass(fake, col, 1);
    expect(ofFakes(sim.extras.pass_reco).every((v) => v === 1)).toBe(true);
    expect(ofFakes(sim.extras.true_density).every((v) => v === 0)).toBe(true);
    for (const obs of UNFOLD_MULTI_OBSERVABLES) expect(ofFakes(gen(sim, obs)).every((v) => v === 0), obs).toBe(true);
    for (const obs of UNFOLD_MULTI_OBSERVABLES) {
      const c = binnedClosure(reco(sim, obs), sim.weights, FAKE_EDGES[obs], unfoldMultiFakeBinProbabilities(obs, FAKE_EDGES[obs]), fake);
      expect(c.chi2, obs).toBeLessThan(chi2Limit(c.ndf));
    }
    const many = unfoldMultiToy.generate(20_000, { fakeRate: 0.3 }, new Rng(84));
    // standard error sqrt(0.21 / 2e4) = 0.0032; allow 0.013
    expect(Math.abs(1 - moments(many.extras.pass_gen).mean - 0.3)).toBeLessThan(0.013);
    expect(unfoldMultiToy.generate(5000, { fakeRate: 0 }, new Rng(85)).extras.pass_gen.every((v) => v === 1)).toBe(true);
  });

  it('smears each observable with its stated resolution', () => {
    const ok = Float32Array.from(sim.extras.pass_reco, (r, i) => r * sim.extras.pass_gen[i]);
    const pick = (col: Float32Array) => ofClass(ok, col, 1);
    const [gm, gw, gn] = UNFOLD_MULTI_OBSERVABLES.map((obs) => pick(gen(sim, obs)));
    const [rm, rw, rn] = UNFOLD_MULTI_OBSERVABLES.map((obs) => pick(reco(sim, obs)));
    const logit = (w: number) => Math.log(w / (1 - w));
    // standardised residuals ~ N(0, 1) each: ~1.5e5 events give standard errors 0.003 (mean) and 0.002 (sd); allow 0.012
    const residuals = [
      Float64Array.from(gm, (m, i) => Math.log(rm[i] / m) / (0.05 + 0.5 / Math.sqrt(m))),
      Float64Array.from(gw, (w, i) => (logit(rw[i]) - logit(w)) / 0.3),
      Float64Array.from(gn, (x, i) => (Math.sqrt(rn[i]) - Math.sqrt(0.9 * x)) / 0.5),
    ];
    for (const [j, r] of residuals.entries()) {
      const { mean, std } = moments(r);
      expect(Math.abs(mean), UNFOLD_MULTI_OBSERVABLES[j]).toBeLessThan(0.012);
      expect(Math.abs(std - 1), UNFOLD_MULTI_OBSERVABLES[j]).toBeLessThan(0.012);
    }
    const [m, w, n] = unfoldMultiDetector([30, 0.25, 16], [0, 0, 0], 0);
    expect([m, w]).toEqual([30, expect.closeTo(0.25, 12)]);
    expect(n).toBeCloseTo(14.4, 12);
  });

  it('weighted: positive non-uniform weights under which every marginal still follows the truth', () => {
    const ws = unfoldMultiToy.generate(N, { weighted: true }, new Rng(86));
    const w = ws.weights;
    expect(w.every((v) => v > 0)).toBe(true);
    const { mean, std } = moments(w);
    // E[w] = 1, E[w^2] = 1.3^6 / 2.38^1.5 = 1.315, i.e. sd 0.561; 2e5 draws: standard errors ~0.0013 / ~0.003; allow 0.006 / 0.02
    expect(Math.abs(mean - 1)).toBeLessThan(0.006);
    expect(Math.abs(std - Math.sqrt(1.3 ** 6 / 2.38 ** 1.5 - 1))).toBeLessThan(0.02);
    for (const obs of UNFOLD_MULTI_OBSERVABLES) {
      expect(closure(ws, obs, 'sim').chi2, obs).toBeLessThan(chi2Limit(EDGES[obs].length - 2));
      // the unweighted events come from the widened density and fail (measured chi2 ~ 1.7e4 each)
      expect(closure(ws, obs, 'sim', new Float32Array(ws.n).fill(1)).chi2, obs).toBeGreaterThan(1000);
    }
    let sumW = 0;
    let sumPass = 0;
    let sumFake = 0;
    for (let i = 0; i < ws.n; i++) {
      if (ws.extras.pass_gen[i] === 0) sumFake += w[i];
      else [sumW, sumPass] = [sumW + w[i], sumPass + w[i] * ws.extras.pass_reco[i]];
    }
    // ~1.45e5 effective events: standard error of the efficiency 0.0011, of the fake fraction 0.0006; allow 0.005 / 0.003
    expect(Math.abs(sumPass / sumW - unfoldMultiMeanEfficiency())).toBeLessThan(0.005);
    expect(Math.abs(sumFake / (sumFake + sumW) - 0.05)).toBeLessThan(0.003);
  });

  it('is reproducible by seed and rejects bad options naming them', () => {
    const a = unfoldMultiToy.generate(500, {}, new Rng(9));
    const b = unfoldMultiToy.generate(500, {}, new Rng(9));
    for (const [name, col] of a.allColumns()) expect(sameArray(col, [...b.allColumns()].find(([k]) => k === name)![1]), name).toBe(true);
    const rng = new Rng(0);
    const order = thrown(() => unfoldMultiToy.generate(10, { efficiencyMin: 0.9, efficiencyMax: 0.8 }, rng));
    expect(order.message).toMatch(/options\.efficiencyMax.*efficiencyMin <= efficiencyMax/);
    expect(thrown(() => unfoldMultiToy.generate(10, { efficiencyMin: 0 }, rng)).message).toMatch(/options\.efficiencyMin/);
    expect(thrown(() => unfoldMultiToy.generate(10, { fakeRate: 1 }, rng)).message).toMatch(/options\.fakeRate/);
    expect(thrown(() => unfoldMultiToy.generate(10, { smearing: -0.5 }, rng)).message).toMatch(/options\.smearing/);
    const unknown = thrown(() => unfoldMultiToy.generate(10, { efficiency: 0.8 } as never, rng));
    expect(unknown.code).toBe('InvalidConfig');
    expect(unknown.message).toMatch(/toy "unfold-multi".*efficiency/);
    const column = thrown(() => unfoldMultiBinProbabilities('gen_mass' as never, [0, 1]));
    expect(column.code).toBe('InvalidArgument');
    expect(column.hint).toMatch(/mass, width, mult/);
    expect(thrown(() => unfoldMultiBinProbabilities('width', [0.5, 0.2])).message).toMatch(/increase strictly/);
    expect(thrown(() => unfoldMultiMeanEfficiency({ sample: 'data' } as never)).message).toMatch(/options\.sample/);
  });
});
