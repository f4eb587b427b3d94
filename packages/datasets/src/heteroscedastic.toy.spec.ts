import { describe, expect, it } from 'vitest';
import { pulls } from '@hepuq/stats';
import { Rng } from '@hepuq/core';
import { heteroscedastic1dToy, heteroscedasticTruth } from './heteroscedastic.toy.js';
import { moments, sameArray, thrown } from './spec-helpers.js';

const N = 100_000;

describe('heteroscedastic-1d', () => {
  it('is reproducible from the seed and differs between seeds', () => {
    const a = heteroscedastic1dToy.generate(1000, {}, new Rng(11));
    const b = heteroscedastic1dToy.generate(1000, {}, new Rng(11));
    const c = heteroscedastic1dToy.generate(1000, {}, new Rng(12));
    expect(sameArray(a.features.x, b.features.x) && sameArray(a.target!, b.target!)).toBe(true);
    expect(sameArray(a.features.x, c.features.x)).toBe(false);
    expect(sameArray(a.target!, c.target!)).toBe(false);
  });

  it('draws labels around the truth: pulls are N(0, 1) on 1e5 events', () => {
    const ds = heteroscedastic1dToy.generate(N, {}, new Rng(1));
    const { mean, std } = moments(pulls(ds.target!, ds.extras.true_mean, ds.extras.true_sigma));
    // standard errors: mean 1/sqrt(N) = 0.0032, std 1/sqrt(2N) = 0.0022; we allow about 4.5 of them
    expect(Math.abs(mean)).toBeLessThan(0.015);
    expect(Math.abs(std - 1)).toBeLessThan(0.01);
  });

  it('stores the truth of heteroscedasticTruth at each x, with x uniform on [xmin, xmax]', () => {
    const ds = heteroscedastic1dToy.generate(N, { xmin: -1, xmax: 2, noiseScale: 2 }, new Rng(2));
    const x = ds.features.x;
    for (let i = 0; i < ds.n; i += 97) {
      const t = heteroscedasticTruth(x[i], 2);
      expect(ds.extras.true_mean[i]).toBeCloseTo(t.mean, 5);
      expect(ds.extras.true_sigma[i]).toBeCloseTo(t.sigma, 5);
    }
    expect(Math.min(...x)).toBeGreaterThanOrEqual(-1);
    expect(Math.max(...x)).toBeLessThanOrEqual(2);
    // U(-1, 2): mean 0.5, sd 3/sqrt(12) = 0.87, standard error 0.0027; allow 0.015
    expect(Math.abs(moments(x).mean - 0.5)).toBeLessThan(0.015);
    // noiseScale doubles the width and the labels follow it: pull std still 1
    expect(Math.abs(moments(pulls(ds.target!, ds.extras.true_mean, ds.extras.true_sigma)).std - 1)).toBeLessThan(0.01);
  });

  it('truth has a smooth positive width between 0.1 and 0.3', () => {
    for (let x = -5; x <= 5; x += 0.01) {
      const { sigma } = heteroscedasticTruth(x);
      expect(sigma).toBeGreaterThanOrEqual(0.1 - 1e-12);
      expect(sigma).toBeLessThanOrEqual(0.3 + 1e-12);
    }
  });

  it('noise: false gives y = f(x) exactly, true_sigma = 0 and the same x as the noisy toy', () => {
    const clean = heteroscedastic1dToy.generate(2000, { noise: false }, new Rng(3));
    const noisy = heteroscedastic1dToy.generate(2000, {}, new Rng(3));
    expect(sameArray(clean.target!, clean.extras.true_mean)).toBe(true);
    expect(clean.extras.true_sigma.every((s) => s === 0)).toBe(true);
    expect(sameArray(clean.features.x, noisy.features.x)).toBe(true);
    expect(sameArray(clean.target!, noisy.target!)).toBe(false);
  });

  it('rejects bad options and event counts with errors naming the toy and option', () => {
    const rng = new Rng(0);
    const unknown = thrown(() => heteroscedastic1dToy.generate(10, { noiseLevel: 1 } as never, rng));
    expect(unknown.code).toBe('InvalidConfig');
    expect(unknown.message).toMatch(/heteroscedastic-1d.*noiseLevel/);
    expect(thrown(() => heteroscedastic1dToy.generate(10, { xmin: 1, xmax: 0 }, rng)).message).toMatch(/options\.xmax/);
    expect(thrown(() => heteroscedastic1dToy.generate(10, { noiseScale: -1 }, rng)).message).toMatch(/options\.noiseScale/);
    expect(thrown(() => heteroscedastic1dToy.generate(0, {}, rng)).code).toBe('InvalidArgument');
    expect(thrown(() => heteroscedastic1dToy.generate(2.5, {}, rng)).code).toBe('InvalidArgument');
    expect(heteroscedastic1dToy.options.safeParse({}).data).toEqual({ xmin: -3, xmax: 3, noiseScale: 1, noise: true });
  });
});
