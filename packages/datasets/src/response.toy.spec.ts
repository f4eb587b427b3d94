import { describe, expect, it } from 'vitest';
import { Rng, regressionPrediction } from '@hepuq/core';
import { createClosureMetric, normalCdf } from '@hepuq/stats';
import { invertMedianResponse, medianResponse, relativeResolution, responseMoments, responsePosterior, type ResponseDetector } from './response-truth.js';
import { ResponseOptions, responseToy } from './response.toy.js';
import { moments, thrown } from './spec-helpers.js';

const DETECTOR: ResponseDetector = { offset: 2, zDependence: 0.5, stochastic: 0.9, constant: 0.1, noise: 'gaussian' };

describe('response toy', () => {
  it('draws y from the chosen prior on [ymin, ymax]', () => {
    const flat = responseToy.generate(40_000, { prior: { shape: 'flat' } }, new Rng(1)).target!;
    const falling = responseToy.generate(40_000, { prior: { shape: 'power-law', index: 2 } }, new Rng(2)).target!;
    // U(20, 200): mean 110, sd 52, standard error 0.26; y^-2 on [20, 200]: mean ln(10)/(1/20 - 1/200) = 51.17, sd ~ 37, se 0.19
    expect(Math.abs(moments(flat).mean - 110)).toBeLessThan(1.1);
    expect(Math.abs(moments(falling).mean - Math.LN10 / 0.045)).toBeLessThan(0.8);
    expect(Math.min(...flat)).toBeGreaterThanOrEqual(20);
    expect(Math.max(...falling)).toBeLessThanOrEqual(200);
  });

  it('measures x = R(y) y with the stated relative resolution: pulls N(0, 1) for either noise', () => {
    for (const noise of ['gaussian', 'lognormal'] as const) {
      const ds = responseToy.generate(40_000, { prior: { shape: 'flat' }, noise }, new Rng(3));
      const y = ds.target!;
      const x = ds.features.x;
      const pulls = Float64Array.from(y, (v, i) => {
        const m = medianResponse(v, 0, DETECTOR) * v;
        const s = relativeResolution(v, DETECTOR);
        return noise === 'gaussian' ? (x[i] - m) / (m * s) : Math.log(x[i] / m) / s;
      });
      // 4e4 events: mean known to 0.005, std to 0.0035; we allow 4 of them
      const { mean, std } = moments(pulls);
      expect(Math.abs(mean)).toBeLessThan(0.02);
      expect(Math.abs(std - 1)).toBeLessThan(0.015);
      const r = ds.extras.response;
      for (let i = 0; i < ds.n; i += 997) expect(r[i]).toBeCloseTo(medianResponse(y[i], 0, DETECTOR), 5);
      // log-normal: the mean response lies e^(s^2/2) above the median one; Gaussian: they agree
      const ratio = ds.extras.mean_response[0] / r[0];
      expect(ratio).toBeCloseTo(noise === 'gaussian' ? 1 : Math.exp(0.5 * ds.extras.resolution[0] ** 2), 5);
    }
  });

  it('inverts its median response exactly, and that inversion closes for the median in every bin of y', () => {
    for (const y of [20, 47.3, 200]) for (const z of [0, 0.7]) expect(invertMedianResponse(medianResponse(y, z, DETECTOR) * y, z, DETECTOR)).toBeCloseTo(y, 9);
    const ds = responseToy.generate(40_000, { prior: { shape: 'flat' } }, new Rng(4));
    const yhat = Float32Array.from(ds.features.x, (x) => invertMedianResponse(x, 0, DETECTOR));
    const out = createClosureMetric({ bins: 8 }).compute({ prediction: regressionPrediction(yhat, new Float32Array(ds.n), new Float32Array(ds.n).fill(1)), truth: ds.target! });
    // P(yhat <= y | y) = 1/2 exactly, so each bin's median residual is 0 up to its error (8 bins: allow 3.5 errors, p ~ 0.4%)
    for (const row of out.tables!.closure) expect(Math.abs(row.median)).toBeLessThan(3.5 * row.median_error);
  });

  it('carries E[y | x] under its own prior as posterior_mean: the mean of y among events of similar x', () => {
    const ds = responseToy.generate(60_000, { prior: { shape: 'power-law', index: 2 } }, new Rng(5));
    const { x } = ds.features;
    for (const [lo, hi] of [[15, 16], [40, 42], [120, 130]]) {
      const idx = [...x.keys()].filter((i) => x[i] >= lo && x[i] < hi);
      const yMean = moments(idx.map((i) => ds.target![i]));
      const predicted = moments(idx.map((i) => ds.extras.posterior_mean[i])).mean;
      // the sample mean of y in the x slice has error sd/sqrt(n); allow 4 of them
      expect(idx.length).toBeGreaterThan(100);
      expect(Math.abs(yMean.mean - predicted)).toBeLessThan((4 * yMean.std) / Math.sqrt(idx.length));
    }
    // and the posterior is prior-dependent: away from the edges a y^-n prior moves E[y | x] by about
    // -n sigma^2 / y against a flat one (d ln p / dy = -n / y); at x = 100 that is -2 * 14.3^2 / 121.7 = -3.4
    const flat = responsePosterior({ shape: 'flat' }, 20, 200, DETECTOR)(100, 0);
    const falling = responsePosterior({ shape: 'power-law', index: 2 }, 20, 200, DETECTOR)(100, 0);
    const shift = (-2 * falling.sigma ** 2) / falling.mean;
    expect(falling.mean - flat.mean).toBeLessThan(0.8 * shift);
    expect(falling.mean - flat.mean).toBeGreaterThan(1.2 * shift);
  });

  it('with z: x depends on z through R(y, z), which its extras record', () => {
    const ds = responseToy.generate(2000, { z: true, prior: { shape: 'gaussian', mean: 80, sigma: 30 } }, new Rng(6));
    expect(ds.featureNames).toEqual(['x', 'z']);
    const { z } = ds.features;
    expect(Math.min(...z)).toBeGreaterThanOrEqual(-1);
    expect(Math.max(...z)).toBeLessThanOrEqual(1);
    for (let i = 0; i < ds.n; i += 101) expect(ds.extras.response[i]).toBeCloseTo(medianResponse(ds.target![i], z[i], DETECTOR), 5);
    // R(100, 1) = 1 - 2 * 1.5 / 10 = 0.7 against R(100, 0) = 0.8
    expect(medianResponse(100, 1, DETECTOR)).toBeCloseTo(0.7, 12);
    expect(responseMoments(100, 0, DETECTOR).median).toBeCloseTo(80, 12);
  });

  it('refuses a detector whose response is not positive at ymin, and Gaussian noise that would give negative x', () => {
    const offset = thrown(() => responseToy.generate(10, { offset: 5 }, new Rng(1)));
    expect(offset.code).toBe('InvalidConfig');
    expect(offset.message).toMatch(/offset.*positive at ymin/);
    expect(thrown(() => responseToy.generate(10, { stochastic: 2 }, new Rng(1))).message).toMatch(/stochastic.*negative x/);
    expect(ResponseOptions.safeParse({ stochastic: 2, noise: 'lognormal' }).success).toBe(true);
    expect(thrown(() => responseToy.generate(10, { ymin: 300 }, new Rng(1))).message).toMatch(/ymax/);
    // P(x < 0) for the widest allowed Gaussian noise (25%): Phi(-4) = 3e-5
    expect(normalCdf(-1 / 0.25)).toBeLessThan(4e-5);
  });
});
