import * as tf from '@tensorflow/tfjs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { normalCdf } from '@hepuq/stats';
import { Rng } from '@hepuq/core';
import { gaussianRingToy, wedgeRampToy } from '@hepuq/datasets';
import type { BnnFlowModel } from '../flow/flow-model.js';
import { testContext } from '../spec-helpers.js';
import { BnnFlowOptions } from './bnn-flow-options.js';
import { bnnFlowMethod } from './bnn-flow.method.js';

interface BinnedReplicas {
  /** Mean over replicas of the bin probability. */
  mean: number[];
  /** Spread over replicas (the Bayesian uncertainty of the learned density). */
  sigma: number[];
  /** Monte Carlo error of the generated sample itself, sqrt(p/n). */
  mc: number[];
}

/** Bin probabilities of `value` in [lo, hi) for each replica r (events weighted by weights[r] / n). */
function binReplicas(value: Float32Array, weights: Float32Array[], lo: number, hi: number, bins: number): BinnedReplicas {
  const n = value.length;
  const h = weights.map(() => new Float64Array(bins));
  for (let i = 0; i < n; i++) {
    const b = Math.floor(((value[i] - lo) / (hi - lo)) * bins);
    if (b < 0 || b >= bins) continue;
    weights.forEach((w, r) => (h[r][b] += w[i] / n));
  }
  const mean = [...Array(bins).keys()].map((b) => h.reduce((s, r) => s + r[b], 0) / h.length);
  const sigma = mean.map((m, b) => Math.sqrt(h.reduce((s, r) => s + (r[b] - m) ** 2, 0) / h.length));
  return { mean, sigma, mc: mean.map((m) => Math.sqrt(m / n)) };
}

/** Pulls (model - truth) / sqrt(sigma_BNN^2 + sigma_MC^2) per bin and their chi^2. */
function compare(binned: BinnedReplicas, truth: number[]): { pulls: number[]; chi2: number } {
  const pulls = truth.map((t, b) => (binned.mean[b] - t) / Math.hypot(binned.sigma[b], binned.mc[b]));
  return { pulls, chi2: pulls.reduce((s, p) => s + p * p, 0) };
}

const avg = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

describe('bnn-flow (Bayesian normalising flow)', () => {
  it('wedge ramp: generated histograms agree with the truth within their error bars; relative uncertainty smallest in the bulk', async () => {
    const { app, ctx } = await testContext(9);
    const train = wedgeRampToy.generate(10_000, {}, new Rng(91));
    const options = BnnFlowOptions.parse({ epochs: 20, bounds: { x1: [0, 1], x2: [0, 1] }, draws: 20 });
    const model = (await bnnFlowMethod.fit(train, options, ctx)) as BnnFlowModel;
    const { data, weights, density } = await model.sample(40_000, new Rng(92));
    expect(weights).toHaveLength(20);
    expect(density.every((p) => p > 0 && Number.isFinite(p))).toBe(true);
    // every replica's weights average to ~1 over a sample drawn from the mean density
    for (const w of weights) expect(Math.abs(avg(Array.from(w)) - 1)).toBeLessThan(0.05);

    // p(x1) = 2 x1: bin b of 10 holds (2b + 1) / 100; p(x2) = 1: 0.1 per bin
    const x1 = binReplicas(data.features.x1, weights, 0, 1, 10);
    const x2 = binReplicas(data.features.x2, weights, 0, 1, 10);
    const c1 = compare(x1, [...Array(10).keys()].map((b) => (2 * b + 1) / 100));
    const c2 = compare(x2, Array(10).fill(0.1));
    // calibrated error bars give chi^2 ~ 20 +- 6.3 over the 20 bins; 45 (p ~ 1e-3) or any 3.5-sigma
    // bin fails. The BNN spread is ~1-3x the Poisson error of the 10^4 training events.
    expect(c1.chi2 + c2.chi2).toBeLessThan(45);
    for (const p of [...c1.pulls, ...c2.pulls]) expect(Math.abs(p)).toBeLessThan(3.5);
    // uncertainty map: the relative error is largest where few training events constrain the density
    // (x1 < 0.2 holds 4% of them) and smallest in the populated bulk (0.5 < x1 < 0.8)
    const rel = x1.sigma.map((s, b) => s / x1.mean[b]);
    expect(avg(rel.slice(5, 8))).toBeLessThan(0.6 * avg(rel.slice(0, 2)));

    // density(): mean and spread over draws at chosen points, in data units (p = 2 x1 on the square)
    const pts = wedgeRampToy.generate(2000, {}, new Rng(93));
    const d = await model.density(pts, { replicas: 5 });
    const ratio = avg(Array.from(d.mean, (p, i) => p / pts.extras.true_density[i]));
    expect(Math.abs(ratio - 1)).toBeLessThan(0.1);
    expect(d.replicas).toHaveLength(5);
    expect(d.sigma.every((s) => s > 0)).toBe(true);

    // save/load: the same densities for the same draw seed
    const dir = await mkdtemp(join(tmpdir(), 'bnn-flow-'));
    await model.save(join(dir, 'flow'));
    const loaded = (await bnnFlowMethod.load(join(dir, 'flow'), ctx)) as BnnFlowModel;
    const small = pts.subset(Int32Array.from({ length: 200 }, (_, i) => i));
    const [a, b] = [await model.density(small, { seed: 4 }), await loaded.density(small, { seed: 4 })];
    expect(Array.from(b.mean)).toEqual(Array.from(a.mean));
    loaded.dispose();
    model.dispose();
    await rm(dir, { recursive: true });
    app.dispose();
  });

  it('Gaussian ring: the radial histogram agrees with the truth within error bars; uncertainty dips where the ring is densest', async () => {
    const { app, ctx } = await testContext(10);
    const before = tf.memory().numTensors;
    const train = gaussianRingToy.generate(10_000, {}, new Rng(101));
    const model = (await bnnFlowMethod.fit(train, BnnFlowOptions.parse({ epochs: 20, draws: 20 }), ctx)) as BnnFlowModel;
    const { data, weights } = await model.sample(40_000, new Rng(102));
    const r = Float32Array.from(data.features.x1, (v, i) => Math.hypot(v, data.features.x2[i]));
    const bins = 16;
    const binned = binReplicas(r, weights, 0, 8, bins);
    // truth: r ~ N(4, 1) truncated to r > 0
    const truth = [...Array(bins).keys()].map((b) => (normalCdf(b * 0.5 + 0.5 - 4) - normalCdf(b * 0.5 - 4)) / normalCdf(4));
    const populated = [...Array(bins).keys()].filter((b) => truth[b] > 0.005);
    const { pulls } = compare(binned, truth);
    // chi^2 over the ~10 populated bins ~ 10 +- 4.5 when calibrated; 30 (p ~ 1e-3) or a 3.5-sigma bin fails
    expect(populated.reduce((s, b) => s + pulls[b] ** 2, 0)).toBeLessThan(30);
    for (const b of populated) expect(Math.abs(pulls[b])).toBeLessThan(3.5);
    // the relative uncertainty is smallest on the ring (r in [3.5, 4.5)) and larger on both flanks
    const rel = binned.sigma.map((s, b) => s / binned.mean[b]);
    const ring = avg([rel[7], rel[8]]);
    expect(ring).toBeLessThan(avg([rel[3], rel[4]]));
    expect(ring).toBeLessThan(avg([rel[11], rel[12]]));
    model.dispose();
    expect(tf.memory().numTensors).toBe(before);
    app.dispose();
  });
});
