import * as tf from '@tensorflow/tfjs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  Dataset, EventBus, LocalExecutor, LocalExecutorOptions, predictionArrays, Rng, selectBackend, type RegressionPrediction, type TargetPrediction, type UQMethod,
} from '@hepuq/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EnsembleModel } from '../model/ensemble-model.js';
import { StackedNetwork } from '../network/stacked-network.js';
import { average } from '../test-support/calibration.js';
import { bootstrapEnsembleMethod } from './bootstrap-ensemble.method.js';
import { deepEnsembleMethod } from './deep-ensemble.method.js';
import { repulsiveEnsembleMethod } from './repulsive-ensemble.method.js';

/**
 * Two targets of one feature with independent noise: x ~ U[-2, 2], a = sin(2x) + N(0, 0.1 + 0.1|x|),
 * b = x^2 / 2 + N(0, 0.3). The true widths are in `extras` (sigma_a, sigma_b).
 */
function twoTargets(n: number, seed: number): Dataset {
  const rng = new Rng(seed);
  const [x, a, b, sa, sb] = Array.from({ length: 5 }, () => new Float32Array(n));
  for (let i = 0; i < n; i++) {
    x[i] = -2 + 4 * rng.uniform();
    sa[i] = 0.1 + 0.1 * Math.abs(x[i]);
    sb[i] = 0.3;
    a[i] = Math.sin(2 * x[i]) + rng.normal(0, sa[i]);
    b[i] = 0.5 * x[i] ** 2 + rng.normal(0, sb[i]);
  }
  return new Dataset({ features: { x }, targets: [{ name: 'a', values: a }, { name: 'b', values: b }], extras: { sigma_a: sa, sigma_b: sb }, source: 'two-targets' });
}

const OPTIONS = { members: 5, hidden: [32, 32], epochs: 20, batchSize: 128, lr: 0.01, lrFinal: 0.02 };
const QUICK = { members: 3, hidden: [16, 16], epochs: 2, batchSize: 64, lr: 3e-3 };
const ctx = (seed = 7) => ({ rng: new Rng(seed), events: new EventBus() });
const train = twoTargets(4000, 1);
const test = twoTargets(4000, 2);

async function fit(method: UQMethod, options: Record<string, unknown>, data = train, context: Parameters<UQMethod['fit']>[2] = ctx()): Promise<EnsembleModel> {
  return (await method.fit(data, method.options.parse(options), context)) as EnsembleModel;
}

function regression(p: unknown): RegressionPrediction {
  if ((p as RegressionPrediction).kind !== 'regression') throw new Error('expected a regression prediction');
  return p as RegressionPrediction;
}

/** Std of the pulls (y - mean) / sigma_tot. */
function pullStd(y: Float32Array, t: TargetPrediction): number {
  const pulls = Float32Array.from(y, (v, i) => (v - t.mean[i]) / t.sigmaTot[i]);
  const m = average(pulls);
  return Math.sqrt(average(Float32Array.from(pulls, (v) => (v - m) ** 2)));
}

/** Pearson correlation of two columns. */
function correlation(u: Float32Array, v: Float32Array): number {
  const [mu, mv] = [average(u), average(v)];
  let [suv, suu, svv] = [0, 0, 0];
  for (let i = 0; i < u.length; i++) {
    suv += (u[i] - mu) * (v[i] - mv);
    suu += (u[i] - mu) ** 2;
    svv += (v[i] - mv) ** 2;
  }
  return suv / Math.sqrt(suu * svv);
}

/** Largest |a - b| / (1 + |b|) over every column of two predictions (targets included). */
function maxRelDiff(p: RegressionPrediction, q: RegressionPrediction): number {
  const b = new Map(predictionArrays(q));
  let worst = 0;
  for (const [name, col] of predictionArrays(p)) col.forEach((v, i) => (worst = Math.max(worst, Math.abs(v - b.get(name)![i]) / (1 + Math.abs(b.get(name)![i])))));
  return worst;
}

/** Both targets present, each with R replicas of n finite values and finite, non-negative sigmas. */
function expectTwoTargets(p: RegressionPrediction, n: number, replicas: number): void {
  expect(p.targets?.map((t) => t.name)).toEqual(['a', 'b']);
  // the top level is target a
  expect(p.mean).toBe(p.targets![0].mean);
  for (const t of p.targets!) {
    expect(t.replicas).toHaveLength(replicas);
    for (const col of [t.mean, t.sigmaStat, t.sigmaSyst, t.sigmaTot, ...t.replicas!]) {
      expect(col).toHaveLength(n);
      expect(col.every(Number.isFinite)).toBe(true);
    }
    expect(t.sigmaSyst.every((s) => s > 0)).toBe(true);
  }
}

describe('regression ensembles on two targets (a diagonal Gaussian head per member)', () => {
  let model: EnsembleModel;
  let p: RegressionPrediction;
  beforeAll(async () => {
    await selectBackend();
    model = await fit(deepEnsembleMethod, OPTIONS);
    p = regression(await model.predict(test, { replicas: OPTIONS.members }));
  });
  afterAll(() => model.dispose());

  it('deep-ensemble: calibrated per target, sigma_syst learns each target\'s noise', () => {
    expectTwoTargets(p, test.n, OPTIONS.members);
    const [a, b] = p.targets!;
    // 4000 test events: the std of unit-normal pulls has standard error 1/sqrt(2 * 4000) = 0.011. Measured over
    // fit seeds 7-9: a 0.993-0.996, b 1.002-1.004; +-0.1 leaves room for another seed or backend, while a
    // head that mixes up the targets' channels (means O(1) apart, widths 0.1-0.3) is off by far more
    expect(pullStd(test.targets[0].values, a)).toBeGreaterThan(0.9);
    expect(pullStd(test.targets[0].values, a)).toBeLessThan(1.1);
    expect(pullStd(test.targets[1].values, b)).toBeGreaterThan(0.9);
    expect(pullStd(test.targets[1].values, b)).toBeLessThan(1.1);
    // b's noise is 0.3 everywhere: the mean learned width within 5% (measured 0.2998-0.3003)
    expect(Math.abs(average(b.sigmaSyst) / 0.3 - 1)).toBeLessThan(0.05);
    // a's width 0.1 + 0.1|x| ranges over a factor 3: the learned width follows it (measured correlation
    // 0.991-0.993) and is right on average to 10% (measured 1.8-2.1% high)
    expect(correlation(a.sigmaSyst, test.extras.sigma_a)).toBeGreaterThan(0.9);
    expect(Math.abs(average(a.sigmaSyst) / average(test.extras.sigma_a) - 1)).toBeLessThan(0.1);
    // the members differ on both targets, and their spread is small against the noise inside the data
    for (const t of p.targets!) {
      expect(average(t.sigmaStat)).toBeGreaterThan(1e-3);
      expect(average(t.sigmaStat)).toBeLessThan(0.1);
    }
  });

  it('replicas are coherent: replica r is member r on both targets', async () => {
    for (const r of [0, OPTIONS.members - 1]) {
      const one = new EnsembleModel(StackedNetwork.fromMembers(model.net.plan, [model.net.memberArrays(r)]), { ...model.spec, members: 1 });
      const q = regression(await one.predict(test));
      one.dispose();
      // a one-member ensemble's mean is that member's mu; float32 arithmetic on O(1) values
      for (const k of [0, 1]) q.targets![k].mean.forEach((v, i) => expect(Math.abs(v - p.targets![k].replicas![r][i])).toBeLessThan(1e-5));
    }
    // and the moments are those of the replicas, per target (sigma_stat: their spread times sqrt((M + 1) / (M - 3)))
    const scale = Math.sqrt((OPTIONS.members + 1) / (OPTIONS.members - 3));
    for (const t of p.targets!) {
      for (let i = 0; i < test.n; i += 97) {
        const reps = t.replicas!.map((row) => row[i]);
        const mean = reps.reduce((s, v) => s + v, 0) / reps.length;
        expect(Math.abs(t.mean[i] - mean)).toBeLessThan(1e-5);
        expect(Math.abs(t.sigmaStat[i] - scale * Math.sqrt(reps.reduce((s, v) => s + (v - mean) ** 2, 0) / reps.length))).toBeLessThan(1e-5);
      }
    }
  });

  it('saves and loads: the spec records both targets and the prediction is reproduced exactly', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'hepuq-ensemble-targets-'));
    try {
      await model.save(dir);
      const saved = JSON.parse(await readFile(join(dir, 'model.json'), 'utf8')) as { spec: Record<string, unknown> };
      expect(saved.spec.targets).toEqual([
        { name: 'a', mean: expect.any(Number), std: expect.any(Number) },
        { name: 'b', mean: expect.any(Number), std: expect.any(Number) },
      ]);
      expect(saved.spec.targetName).toBe('a');
      const before = tf.memory().numTensors;
      const loaded = await deepEnsembleMethod.load(dir, ctx());
      expect(maxRelDiff(regression(await loaded.predict(test, { replicas: OPTIONS.members })), p)).toBe(0);
      loaded.dispose();
      expect(tf.memory().numTensors).toBe(before);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('exports a graph whose outputs have a last axis of T = 2', () => {
    const g = model.graph({ replicas: OPTIONS.members });
    const shapes = Object.fromEntries(g.outputs.map((o) => [o.name, o.shape]));
    for (const name of ['mean', 'sigma_stat', 'sigma_syst', 'sigma_tot']) expect(shapes[name]).toEqual(['events', 2]);
    expect(shapes.replicas).toEqual([OPTIONS.members, 'events', 2]);
    expect(shapes.replica_sigma).toEqual([OPTIONS.members, 'events', 2]);
  });

  it('one target given as `targets: [a]` is exactly the `target:` path (same seed), with no `targets` in the prediction', async () => {
    const small = twoTargets(500, 3);
    const a = small.targets[0].values;
    const listed = new Dataset({ features: small.features, targets: [{ name: 'a', values: a }] });
    const single = new Dataset({ features: small.features, target: a, targetName: 'a' });
    const before = tf.memory().numTensors;
    const [m1, m2] = [await fit(deepEnsembleMethod, QUICK, listed), await fit(deepEnsembleMethod, QUICK, single)];
    const [p1, p2] = [regression(await m1.predict(small, { replicas: 3 })), regression(await m2.predict(small, { replicas: 3 }))];
    expect(m1.spec).toEqual(m2.spec);
    expect(m1.spec).not.toHaveProperty('targets');
    expect(p1.targets).toBeUndefined();
    expect(maxRelDiff(p1, p2)).toBe(0);
    expect(m1.graph().outputs.find((o) => o.name === 'mean')!.shape).toEqual(['events']);
    m1.dispose();
    m2.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it.each<[string, UQMethod, Record<string, unknown>]>([
    ['bootstrap-ensemble', bootstrapEnsembleMethod, {}],
    ['repulsive-ensemble (weight kernel)', repulsiveEnsembleMethod, {}],
    ['repulsive-ensemble (function kernel on the T means)', repulsiveEnsembleMethod, { kernel: 'function' }],
  ])('%s trains on two targets', async (_, method, extra) => {
    const small = twoTargets(1000, 4);
    const before = tf.memory().numTensors;
    const m = await fit(method, { ...QUICK, epochs: 3, ...extra }, small);
    const q = regression(await m.predict(test, { replicas: 3 }));
    m.dispose();
    expect(tf.memory().numTensors).toBe(before);
    expectTwoTargets(q, test.n, 3);
    // the members differ on both targets (bootstrap weights, repulsion)
    for (const t of q.targets!) expect(average(t.sigmaStat)).toBeGreaterThan(1e-3);
  });

  it('members trained one by one (in this thread, as inline and worker-thread executor tasks) give the stacked two-target ensemble', async () => {
    const small = twoTargets(600, 5);
    const executor = new LocalExecutor(new EventBus(), LocalExecutorOptions.parse({ mode: 'inline', concurrency: 2 }));
    const threads = new LocalExecutor(new EventBus(), LocalExecutorOptions.parse({ mode: 'threads', concurrency: 2 }));
    const before = tf.memory().numTensors;
    try {
      const stacked = await fit(deepEnsembleMethod, QUICK, small);
      const inThread = await fit(deepEnsembleMethod, { ...QUICK, stacked: false }, small);
      const inline = await fit(deepEnsembleMethod, { ...QUICK, stacked: false }, small, { ...ctx(), executor });
      // worker threads: the [n, T] targets cross the thread boundary as one structured-cloned Float32Array
      const threaded = await fit(deepEnsembleMethod, { ...QUICK, stacked: false }, small, { ...ctx(), executor: threads });
      const models = [stacked, inThread, inline, threaded];
      const [ps, ...others] = await Promise.all(models.map(async (m) => regression(await m.predict(test, { replicas: 3 }))));
      models.forEach((m) => m.dispose());
      expectTwoTargets(others[0], test.n, 3);
      // as in stacked-fit.spec.ts: the same float32 arithmetic in another kernel order stays within 1e-4; a
      // wrong target column, batch or member changes predictions by O(0.1)
      for (const q of others) expect(maxRelDiff(q, ps)).toBeLessThan(1e-4);
    } finally {
      await executor.dispose();
      await threads.dispose();
    }
    expect(tf.memory().numTensors).toBe(before);
  });

  it('frees every tensor of a two-target fit and prediction', async () => {
    const before = tf.memory().numTensors;
    const m = await fit(deepEnsembleMethod, QUICK, twoTargets(300, 6));
    await m.predict(test, { replicas: 2 });
    m.graph();
    m.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });
});
