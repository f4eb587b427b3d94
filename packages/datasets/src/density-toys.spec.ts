import { describe, expect, it } from 'vitest';
import { normalCdf, normalPdf } from '@hepuq/stats';
import { Rng } from '@hepuq/core';
import { gaussianRingDensity, gaussianRingToy } from './gaussian-ring.toy.js';
import { kickerRampDensity, kickerRampToy } from './kicker-ramp.toy.js';
import { wedgeRampDensity, wedgeRampToy } from './wedge-ramp.toy.js';
import { chi2VsDensity, integrate2d, moments, sameArray, thrown, type Box } from './spec-helpers.js';

const UNIT: Box = { lo1: 0, hi1: 1, lo2: 0, hi2: 1 };
const N = 100_000;

/** chi^2 / ndf bound: mean ndf, standard deviation sqrt(2 ndf); 5 standard deviations. */
const chi2Bound = (ndf: number) => ndf + 5 * Math.sqrt(2 * ndf);

const relErr = (a: Float32Array, p: (i: number) => number) => {
  let worst = 0;
  for (let i = 0; i < a.length; i++) worst = Math.max(worst, Math.abs(a[i] - p(i)) / Math.max(p(i), 1e-12));
  return worst;
};

describe('densities integrate to 1', () => {
  // midpoint rule: exact for the linear wedge; O(h^2) ~ 1e-5 for the kicker and the smooth ring at these grids
  it.each([
    ['wedge a=2', (a: number, b: number) => wedgeRampDensity(a, b, 2), UNIT, 200, 1e-9],
    ['wedge a=-1.5', (a: number, b: number) => wedgeRampDensity(a, b, -1.5), UNIT, 200, 1e-9],
    ['kicker k=2', (a: number, b: number) => kickerRampDensity(a, b, 2), UNIT, 400, 1e-4],
    ['kicker k=0.5', (a: number, b: number) => kickerRampDensity(a, b, 0.5), UNIT, 400, 1e-3],
    ['ring R=4 w=1', (a: number, b: number) => gaussianRingDensity(a, b, 4, 1), { lo1: -12, hi1: 12, lo2: -12, hi2: 12 }, 600, 1e-3],
    // R/w = 1: the r > 0 truncation removes 16% of the Gaussian, so the Phi(R/w) normalisation matters here
    ['ring R=1 w=1', (a: number, b: number) => gaussianRingDensity(a, b, 1, 1), { lo1: -8, hi1: 8, lo2: -8, hi2: 8 }, 800, 3e-3],
  ] as const)('%s', (_name, p, box, m, tol) => {
    expect(Math.abs(integrate2d(p, box, m) - 1)).toBeLessThan(tol);
  });

  it('ramps vanish outside the unit square', () => {
    expect([wedgeRampDensity(-0.1, 0.5), wedgeRampDensity(0.5, 1.1), kickerRampDensity(1.01, 0.5)]).toEqual([0, 0, 0]);
  });
});

describe('wedge-ramp', () => {
  it('samples the linear marginal: slope from the mean of x1 and a binned chi^2', () => {
    for (const slope of [2, -1]) {
      const ds = wedgeRampToy.generate(N, { slope }, new Rng(51));
      const m1 = moments(ds.features.x1);
      // E[x1] = 1/2 + a/12, so a = 12 (mean - 1/2); sd(x1) <= 0.29 gives a standard error <= 12 * 0.0009 = 0.011, allow 0.05
      expect(Math.abs(12 * (m1.mean - 0.5) - slope)).toBeLessThan(0.05);
      // x2 flat: mean 1/2 with standard error 0.0009, allow 0.005
      expect(Math.abs(moments(ds.features.x2).mean - 0.5)).toBeLessThan(0.005);
      const { chi2, ndf } = chi2VsDensity(ds.features.x1, ds.features.x2, (a, b) => wedgeRampDensity(a, b, slope), UNIT, 10);
      expect(chi2).toBeLessThan(chi2Bound(ndf));
      expect(relErr(ds.extras.true_density, (i) => wedgeRampDensity(ds.features.x1[i], ds.features.x2[i], slope))).toBeLessThan(1e-6);
    }
  });

  it('has a sampling chi^2 that sees a wrong slope', () => {
    const ds = wedgeRampToy.generate(N, { slope: 2 }, new Rng(52));
    const { chi2, ndf } = chi2VsDensity(ds.features.x1, ds.features.x2, (a, b) => wedgeRampDensity(a, b, 1.8), UNIT, 10);
    expect(chi2).toBeGreaterThan(chi2Bound(ndf));
  });
});

describe('kicker-ramp', () => {
  it('samples p = (k + 1) x1^k exactly', () => {
    for (const power of [2, 5]) {
      const ds = kickerRampToy.generate(N, { power }, new Rng(53));
      // E[x1] = (k + 1)/(k + 2); sd(x1) < 0.2 so the standard error is < 0.0007, allow 0.003
      expect(Math.abs(moments(ds.features.x1).mean - (power + 1) / (power + 2))).toBeLessThan(0.003);
      const { chi2, ndf } = chi2VsDensity(ds.features.x1, ds.features.x2, (a, b) => kickerRampDensity(a, b, power), UNIT, 10);
      expect(chi2).toBeLessThan(chi2Bound(ndf));
      expect(relErr(ds.extras.true_density, (i) => kickerRampDensity(ds.features.x1[i], ds.features.x2[i], power))).toBeLessThan(1e-6);
    }
  });
});

describe('gaussian-ring', () => {
  it('has radius R, width w and a uniform angle', () => {
    const ds = gaussianRingToy.generate(N, {}, new Rng(54));
    const r = Float64Array.from(ds.features.x1, (x, i) => Math.hypot(x, ds.features.x2[i]));
    const m = moments(r);
    // truncation shifts the mean by w phi(4)/Phi(4) = 1.3e-4 only; standard errors 0.0032 (mean), 0.0022 (std); allow 0.015 / 0.01
    expect(Math.abs(m.mean - 4)).toBeLessThan(0.015);
    expect(Math.abs(m.std - 1)).toBeLessThan(0.01);
    // uniform angle: mean cos and sin vanish (standard error 1/sqrt(2N) = 0.0022), allow 0.01
    expect(Math.abs(moments(Float64Array.from(ds.features.x1, (x, i) => x / r[i])).mean)).toBeLessThan(0.01);
    expect(Math.abs(moments(Float64Array.from(ds.features.x2, (y, i) => y / r[i])).mean)).toBeLessThan(0.01);
    const box: Box = { lo1: -8, hi1: 8, lo2: -8, hi2: 8 };
    const { chi2, ndf } = chi2VsDensity(ds.features.x1, ds.features.x2, (a, b) => gaussianRingDensity(a, b), box, 16);
    expect(chi2).toBeLessThan(chi2Bound(ndf));
    expect(relErr(ds.extras.true_density, (i) => gaussianRingDensity(ds.features.x1[i], ds.features.x2[i]))).toBeLessThan(1e-5);
  });

  it('truncates r > 0 exactly when the ring is wide (R = w = 1)', () => {
    const ds = gaussianRingToy.generate(N, { radius: 1, width: 1 }, new Rng(55));
    const r = Float64Array.from(ds.features.x1, (x, i) => Math.hypot(x, ds.features.x2[i]));
    // truncated normal: E[r] = R + w phi(R/w) / Phi(R/w) = 1.2876; sd(r) ~ 0.8 so the standard error is 0.0025, allow 0.012
    const expected = 1 + normalPdf(1) / normalCdf(1);
    expect(Math.abs(moments(r).mean - expected)).toBeLessThan(0.012);
    // the 2-D density has an integrable 1/r spike at the origin here, so compare the radial law instead:
    // P(a < r < b) = [Phi(b - R) - Phi(a - R)] / Phi(R) for w = 1, 25 bins on [0, 5) plus the overflow
    const counts = new Float64Array(26);
    for (const v of r) counts[Math.min(25, Math.floor(v / 0.2))]++;
    let chi2 = 0;
    for (let k = 0; k < 26; k++) {
      const hi = k === 25 ? 1 : normalCdf(0.2 * (k + 1) - 1);
      const p = (hi - normalCdf(0.2 * k - 1)) / normalCdf(1);
      chi2 += (counts[k] - N * p) ** 2 / (N * p);
    }
    expect(chi2).toBeLessThan(chi2Bound(25));
  });
});

describe('density toys: reproducibility and options', () => {
  it.each([wedgeRampToy, kickerRampToy, gaussianRingToy])('$key is reproducible from the seed', (toy) => {
    const a = toy.generate(500, {}, new Rng(3));
    const b = toy.generate(500, {}, new Rng(3));
    const c = toy.generate(500, {}, new Rng(4));
    expect(a.target).toBeUndefined();
    expect(sameArray(a.features.x1, b.features.x1) && sameArray(a.features.x2, b.features.x2)).toBe(true);
    expect(sameArray(a.features.x1, c.features.x1)).toBe(false);
  });

  it('rejects bad options', () => {
    const rng = new Rng(0);
    expect(thrown(() => wedgeRampToy.generate(10, { slope: 2.5 }, rng)).message).toMatch(/wedge-ramp.*options\.slope/);
    expect(thrown(() => kickerRampToy.generate(10, { power: 0 }, rng)).message).toMatch(/options\.power/);
    expect(thrown(() => gaussianRingToy.generate(10, { width: -1 }, rng)).message).toMatch(/options\.width/);
    expect(thrown(() => gaussianRingToy.generate(10, { mu: 4 } as never, rng)).code).toBe('InvalidConfig');
  });
});
