import { Rng } from '@hepuq/core';
import { describe, expect, it } from 'vitest';
import { mean, std } from '../stats/summary-stats.js';
import { mseError, quantileMse, samplingNoise } from './quantile-mse.js';

/** Cell fractions of n categorical draws with probabilities q. */
function drawFractions(q: readonly number[], n: number, rng: Rng): Float64Array {
  const x = new Float64Array(q.length);
  for (let i = 0; i < n; i++) {
    let u = rng.uniform();
    let c = 0;
    while (c < q.length - 1 && u >= q[c]) u -= q[c++];
    x[c] += 1 / n;
  }
  return x;
}

// unequal cells, as a 2-D quantile grid gives them: p_c proportional to c (20 cells)
const M = 20;
const P = Float64Array.from({ length: M }, (_, c) => (c + 1) / ((M * (M + 1)) / 2));
const N = 1000;
const R = 2000;

/** MSEs and pulls (MSE - expected) / mseError of R samples of N events drawn from q. */
function pullsOf(q: readonly number[], expected: number, seed: number): { mses: number[]; pulls: number[]; covered: number } {
  const rng = new Rng(seed);
  const mses: number[] = [];
  const pulls: number[] = [];
  let covered = 0;
  for (let r = 0; r < R; r++) {
    const x = drawFractions(q, N, rng);
    const m = quantileMse(x, P);
    const e = mseError(x, P, N);
    mses.push(m);
    pulls.push((m - expected) / e);
    if (Math.abs(m - expected) < e) covered++;
  }
  return { mses, pulls, covered: covered / R };
}

describe('quantile MSE', () => {
  it('samplingNoise is (1/M) sum p (1 - p): 0.09 for 10 equal cells', () => {
    expect(samplingNoise(Float64Array.from({ length: 10 }, () => 0.1))).toBeCloseTo(0.09, 12);
    expect(samplingNoise(Float64Array.from([0.2, 0.8]))).toBeCloseTo(0.16, 12);
    expect(quantileMse(Float64Array.from([0.2, 0.8]), Float64Array.from([0.5, 0.5]))).toBeCloseTo(0.09, 12);
  });

  it('n events drawn from p: the mean MSE is s/n; the error is conservative (the bias is estimated from the same sample)', () => {
    const s = samplingNoise(P);
    const { mses, pulls, covered } = pullsOf(Array.from(P), s / N, 11);
    // the MSE of 20 cells scatters like a chi^2 with ~19 dof (relative std ~0.32): the mean of 2000 has a
    // relative standard error of 0.7%; 3% is 4 of them
    expect(Math.abs(mean(mses) / (s / N) - 1)).toBeLessThan(0.03);
    // without bias the plug-in bias term only adds: pulls spread less than 1 (0.77 measured for 20
    // cells), never more; the +-1 sigma band covers at least the nominal 68% (binomial error 1%)
    expect(std(pulls)).toBeGreaterThan(0.6);
    expect(std(pulls)).toBeLessThan(1.03);
    expect(covered).toBeGreaterThan(0.68);
  });

  it.each([1, 3])('a sample with bias noncentrality %i x (M - 1): mean MSE |b|^2/M + sum q(1-q)/(M n), pulls of unit spread', (scale) => {
    // bias +-a sqrt(p_c) on neighbouring pairs of cells (so sum b = 0), a set by n sum b^2/p ~ scale (M - 1)
    const a = Math.sqrt((scale * (M - 1)) / (N * M));
    const q = Array.from(P, (p, c) => p + (c % 2 ? -a : a) * Math.sqrt(P[c - (c % 2)]));
    const expected = q.reduce((t, x, c) => t + (x - P[c]) ** 2, 0) / M + q.reduce((t, x) => t + x * (1 - x), 0) / (M * N);
    const { mses, pulls } = pullsOf(q, expected, 12 + scale);
    expect(Math.abs(mean(mses) / expected - 1)).toBeLessThan(0.03);
    // the standard deviation of 2000 pulls has a standard error of ~0.02; the error's bias term is
    // estimated from the same sample, so the error is itself noisy and the pulls widen like a t
    // distribution's (1.12 and 1.09 measured at 1x and 3x): within 0.2 of 1
    expect(Math.abs(std(pulls) - 1)).toBeLessThan(0.2);
    // without its bias term the error would be far too small
    const nullError = mseError(Float64Array.from(P), P, N);
    expect(std(mses) / nullError).toBeGreaterThan(1.3);
  });
});
