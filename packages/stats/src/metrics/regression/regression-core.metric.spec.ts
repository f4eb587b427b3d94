import { describe, expect, it } from 'vitest';
import { Rng, regressionPrediction, type MetricInput } from '@hepuq/core';
import { normalCdf } from '../../special/normal.js';
import { coverageMetric, createCoverageMetric } from './coverage.metric.js';
import { gaussianNllMetric } from './gaussian-nll.metric.js';
import { pullsMetric } from './pulls.metric.js';
import { rmseMetric } from './rmse.metric.js';

const f32 = (...v: number[]) => Float32Array.from(v);

function input(mean: number[], sigma: number[], truth: number[], weights?: number[]): MetricInput {
  const zero = new Float32Array(mean.length);
  return {
    prediction: regressionPrediction(f32(...mean), f32(...sigma), zero),
    truth: f32(...truth),
    weights: weights && f32(...weights),
  };
}

/** Gaussian oracle: truth ~ N(0, 1), prediction mean 0 and sigma k (k > 1: over-covering). */
function oracle(n: number, k: number, seed: number): MetricInput {
  const rng = new Rng(seed);
  const truth = rng.normalArray(n);
  return { prediction: regressionPrediction(new Float32Array(n), new Float32Array(n).fill(k), new Float32Array(n)), truth };
}

describe('pulls', () => {
  it('pins mean and Bessel-corrected std on a hand-computed case', () => {
    // pulls -1, 0, 1: mean 0, s^2 = 2/(3-1) = 1, error of mean s/sqrt(3)
    const v = pullsMetric.compute(input([0, 0, 0], [1, 2, 0.5], [-1, 0, 0.5])).values;
    expect(v.pull_mean.value).toBeCloseTo(0, 12);
    expect(v.pull_mean.error).toBeCloseTo(1 / Math.sqrt(3), 12);
    expect(v.pull_std.value).toBeCloseTo(1, 12);
  });

  it('treats an integer weight like repeated events for the mean', () => {
    const a = pullsMetric.compute(input([0, 0], [1, 1], [1, 4], [3, 1])).values;
    const b = pullsMetric.compute(input([0, 0, 0, 0], [1, 1, 1, 1], [1, 1, 1, 4])).values;
    expect(a.pull_mean.value).toBeCloseTo(b.pull_mean.value, 12);
  });

  it('lets a negative-weight event cancel an identical positive one', () => {
    const base = pullsMetric.compute(input([0, 1, 2], [1, 1, 2], [0.3, 0.2, 4])).values;
    const more = pullsMetric.compute(input([0, 1, 2, 5, 5], [1, 1, 2, 1, 1], [0.3, 0.2, 4, 9, 9], [1, 1, 1, 1, -1])).values;
    expect(more.pull_mean.value).toBeCloseTo(base.pull_mean.value, 6);
  });

  it('gives pull std 1/k for sigma inflated k times (Gaussian oracle)', () => {
    // N = 2e4: std error of the pull std is (1/k)/sqrt(2N) = 0.0025 for k = 2; we allow 6 sigma = 0.015
    const v = pullsMetric.compute(oracle(20_000, 2, 11)).values;
    expect(v.pull_std.value).toBeCloseTo(0.5, 1);
    expect(Math.abs(v.pull_std.value - 0.5)).toBeLessThan(0.015);
    expect(v.pull_std.error).toBeCloseTo(0.5 / Math.sqrt(40_000), 3);
    // pull mean error (1/k)/sqrt(N) = 0.0035; allow 5 sigma
    expect(Math.abs(v.pull_mean.value)).toBeLessThan(0.018);
  });
});

describe('coverage', () => {
  it('counts events inside +-1 and +-2 sigma on a hand case', () => {
    // |pulls| 0.5, 1.5, 2.5, 0: 2 of 4 inside 1 sigma, 3 of 4 inside 2 sigma
    const v = coverageMetric.compute(input([0, 0, 0, 0], [1, 1, 1, 1], [0.5, -1.5, 2.5, 0])).values;
    expect(v.coverage_68.value).toBe(0.5);
    expect(v.coverage_68.error).toBeCloseTo(Math.sqrt(0.25 / 4), 12);
    expect(v.coverage_95.value).toBe(0.75);
  });

  it('uses Kish Neff and allows negative weights', () => {
    // weights 2, 2, -1, 1: W = 4, sum w^2 = 10, Neff = 1.6; inside 1 sigma: events 1 and 3 -> (2 - 1)/4
    const v = coverageMetric.compute(input([0, 0, 0, 0], [1, 1, 1, 1], [0.5, 1.5, 0.2, 3], [2, 2, -1, 1])).values;
    expect(v.coverage_68.value).toBeCloseTo(0.25, 12);
    expect(v.coverage_68.error).toBeCloseTo(Math.sqrt((0.25 * 0.75) / 1.6), 12);
  });

  it('gives 2 Phi(k) - 1 for sigma inflated k times (Gaussian oracle)', () => {
    // N = 2e4: binomial error <= 0.0035; we allow 0.012 (>3.4 sigma)
    for (const k of [0.5, 2]) {
      const v = coverageMetric.compute(oracle(20_000, k, 5)).values;
      expect(Math.abs(v.coverage_68.value - (2 * normalCdf(k) - 1))).toBeLessThan(0.012);
      expect(Math.abs(v.coverage_95.value - (2 * normalCdf(2 * k) - 1))).toBeLessThan(0.012);
    }
  });

  it('names arbitrary levels', () => {
    const v = createCoverageMetric({ levels: [0.5, 0.9, 0.995] }).compute(oracle(20_000, 1, 3)).values;
    expect(Object.keys(v)).toEqual(['coverage_50', 'coverage_90', 'coverage_99_5']);
    expect(Math.abs(v.coverage_90.value - 0.9)).toBeLessThan(0.01);
  });
});

describe('gaussian-nll', () => {
  it('matches the Gaussian log density on one event', () => {
    // y = 3, mu = 1, sigma = 2: 0.5 log(2 pi) + log 2 + 0.5
    const v = gaussianNllMetric.compute(input([1], [2], [3])).values;
    expect(v.nll.value).toBeCloseTo(0.5 * Math.log(2 * Math.PI) + Math.log(2) + 0.5, 6);
  });

  it('has expectation 0.5 log(2 pi) + log k + 1/(2 k^2) on the oracle', () => {
    // per-event std ~ 0.18 for k = 2; N = 2e4 gives error 0.0013; allow 0.006
    const v = gaussianNllMetric.compute(oracle(20_000, 2, 9)).values;
    const expected = 0.5 * Math.log(2 * Math.PI) + Math.log(2) + 1 / 8;
    expect(Math.abs(v.nll.value - expected)).toBeLessThan(0.006);
    expect(v.nll.error).toBeGreaterThan(0.0005);
    expect(v.nll.error).toBeLessThan(0.003);
  });
});

describe('rmse', () => {
  it('pins rmse and mae on a hand case', () => {
    const v = rmseMetric.compute(input([0, 0], [1, 1], [3, 4])).values;
    expect(v.rmse.value).toBeCloseTo(Math.sqrt(12.5), 6);
    expect(v.mae.value).toBeCloseTo(3.5, 6);
  });

  it('names the column and the 1-based row of a non-finite value, and re-validates when arrays are swapped', () => {
    const bad = input([0, 0], [1, 1], [3, Number.NaN]);
    expect(() => rmseMetric.compute(bad)).toThrow(/truth is NaN at row 2/);
    const ok = input([0, 0], [1, 1], [3, 4]);
    expect(rmseMetric.compute(ok).values.mae.value).toBeCloseTo(3.5, 6);
    ok.weights = f32(1, -1);
    expect(() => rmseMetric.compute(ok)).toThrow(/sum of event weights/);
  });

  it('rejects non-positive weight totals and bad sigma with named errors', () => {
    expect(() => rmseMetric.compute(input([0, 0], [1, 1], [3, 4], [1, -1]))).toThrow(/sum of event weights/);
    expect(() => rmseMetric.compute(input([0, 0], [1, 0], [3, 4]))).toThrow(/sigmaTot is 0 at row 2/);
  });
});
