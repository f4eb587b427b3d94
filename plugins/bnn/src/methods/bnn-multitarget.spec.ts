import * as tf from '@tensorflow/tfjs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Dataset, ofType, Rng, type FittedModel, type MethodContext, type TargetPrediction } from '@hepuq/core';
import { inputTensors } from '@hepuq/nn';
import { caught, expectCatalogError } from '@hepuq/testing';
import { StochasticModel } from '../model/stochastic-model.js';
import { BNN_PLUGIN_NAME } from '../plugin-meta.js';
import { NoiseSource } from '../random/noise-source.js';
import { asRegression, meanWhere, pullStats, testContext } from '../spec-helpers.js';
import { BnnOptions, McDropoutOptions } from './bnn-options.js';
import { bnnMethod } from './bnn.method.js';
import { mcDropoutMethod } from './mc-dropout.method.js';

/** The true noise of target a: s_a(x) = 0.1 + 0.1 |x|. */
const sigmaA = (x: number) => 0.1 + 0.1 * Math.abs(x);
/** The true noise of target b (constant). */
const SIGMA_B = 0.3;

/**
 * Two targets of one feature x ~ U[-2, 2] with independent noise: a = sin 2x + N(0, s_a(x)^2),
 * b = x^2 / 2 + N(0, 0.3^2) (times `scaleB`); truth column `sigma_a`.
 */
function twoTargetToy(n: number, seed: number, scaleB = 1): Dataset {
  const rng = new Rng(seed);
  const x = Float32Array.from({ length: n }, () => -2 + 4 * rng.uniform());
  const a = Float32Array.from(x, (v) => Math.sin(2 * v) + rng.normal(0, sigmaA(v)));
  const b = Float32Array.from(x, (v) => scaleB * (0.5 * v * v + rng.normal(0, SIGMA_B)));
  return new Dataset({
    features: { x }, targets: [{ name: 'a', values: a }, { name: 'b', values: b }],
    extras: { sigma_a: Float32Array.from(x, sigmaA) }, source: 'two-target toy',
  });
}

/** Pearson correlation of two columns. */
function correlation(u: ArrayLike<number>, v: ArrayLike<number>): number {
  const mu = meanWhere(u);
  const mv = meanWhere(v);
  let [suv, suu, svv] = [0, 0, 0];
  for (let i = 0; i < u.length; i++) {
    suv += (u[i] - mu) * (v[i] - mv);
    suu += (u[i] - mu) ** 2;
    svv += (v[i] - mv) ** 2;
  }
  return suv / Math.sqrt(suu * svv);
}

const train = twoTargetToy(4000, 1);
const test = twoTargetToy(4000, 2);
const bnnOptions = BnnOptions.parse({ hidden: [32, 32], epochs: 40, lr: 1e-2, draws: 30 });
// p = 0.01 as in mc-dropout.method.spec.ts: larger rates make sigma_tot more conservative still
const dropoutOptions = McDropoutOptions.parse({ hidden: [32, 32], epochs: 40, lr: 1e-2, draws: 30, rate: 0.01 });
const quick = { hidden: [8], epochs: 2, draws: 4 };

interface Case {
  name: string;
  fit: (data: Dataset, ctx: MethodContext) => Promise<FittedModel>;
  load: (dir: string, ctx: MethodContext) => Promise<FittedModel>;
  /** Accepted pull-std band of each target (see the comment at the assertion). */
  pullStd: [number, number];
  /**
   * The method's estimate of the label noise: sigma_syst for the bnn; for MC dropout sigma_tot, since
   * sigma_tot^2 = mean sigma_r^2 - sigma_stat^2 is the learned noise (plus the mean's error) and its
   * sigma_syst^2 is that less sigma_stat^2.
   */
  noise: (t: TargetPrediction) => Float32Array;
}
const CASES: Case[] = [
  { name: 'bnn', fit: (d, ctx) => bnnMethod.fit(d, bnnOptions, ctx), load: (dir, ctx) => bnnMethod.load(dir, ctx), pullStd: [0.85, 1.1], noise: (t) => t.sigmaSyst },
  { name: 'mc-dropout', fit: (d, ctx) => mcDropoutMethod.fit(d, dropoutOptions, ctx), load: (dir, ctx) => mcDropoutMethod.load(dir, ctx), pullStd: [0.85, 1.1], noise: (t) => t.sigmaTot },
];

/** A model's predictions are the same, column by column and replica by replica. */
function expectSamePrediction(q: TargetPrediction[], p: TargetPrediction[]): void {
  expect(q.map((t) => t.name)).toEqual(p.map((t) => t.name));
  q.forEach((t, k) => {
    expect(Array.from(t.mean)).toEqual(Array.from(p[k].mean));
    expect(Array.from(t.sigmaStat)).toEqual(Array.from(p[k].sigmaStat));
    expect(Array.from(t.sigmaSyst)).toEqual(Array.from(p[k].sigmaSyst));
    expect(t.replicas?.length).toBe(p[k].replicas?.length);
    t.replicas?.forEach((r, i) => expect(Array.from(r)).toEqual(Array.from(p[k].replicas![i])));
  });
}

describe('bnn and mc-dropout on two regression targets (diagonal Gaussian head)', () => {
  for (const c of CASES) {
    it(`${c.name}: calibrated per target, sigma_syst recovers each target's noise, coherent replicas; save/load exact; no leak`, async () => {
      const { app, ctx } = await testContext(21);
      const before = tf.memory().numTensors;
      const model = await c.fit(train, ctx);
      const p = asRegression(await model.predict(test, { replicas: 30 }));
      const [a, b] = p.targets!;
      expect(p.targets!.map((t) => t.name)).toEqual(['a', 'b']);
      // the top-level columns are target a's
      expect(p.mean).toBe(a.mean);
      expect(p.sigmaTot).toBe(a.sigmaTot);

      // 4000 test events: the pull std of N(0, 1) pulls has standard error 0.011, the pull mean 0.016.
      // Measured over train/fit seeds 1, 3, 4, 5 (bnn) and 21, 3, 4 (mc-dropout): bnn pull std 0.91-0.94
      // on a and 0.97-1.00 on b; mc-dropout 0.86-0.90 on a before its moments took the mask spread the
      // learned width holds out of sigma_tot (mc-dropout.method.spec), 0.98-0.99 on b. Pull means
      // scattered by up to 0.11 between fits (a coherent shift of the learned mean). The bands leave
      // ~5 standard errors on each side of the measured range and catch a swapped or mis-scaled target
      // (pull stds of 2 or more).
      for (const [k, t] of [a, b].entries()) {
        const pulls = pullStats(test.targets[k].values, t.mean, t.sigmaTot);
        expect(Math.abs(pulls.mean), `${t.name} pull mean`).toBeLessThan(0.15);
        expect(pulls.std, `${t.name} pull std`).toBeGreaterThan(c.pullStd[0]);
        expect(pulls.std, `${t.name} pull std`).toBeLessThan(c.pullStd[1]);
        expect(meanWhere(t.sigmaStat), `${t.name} sigma_stat`).toBeGreaterThan(0);
      }
      // the noise estimate of b: measured 0.300-0.313 (truth 0.3); of a: mean ratio to s_a(x) 1.03-1.09, and
      // it follows s_a(x) = 0.1 + 0.1|x| (correlation 0.97-0.99). 10% / 15% / 0.9 leave room for another seed.
      expect(Math.abs(meanWhere(c.noise(b)) / SIGMA_B - 1)).toBeLessThan(0.1);
      expect(Math.abs(meanWhere(Float64Array.from(c.noise(a), (s, i) => s / test.extras.sigma_a[i])) - 1)).toBeLessThan(0.15);
      expect(correlation(c.noise(a), test.extras.sigma_a)).toBeGreaterThan(0.9);

      // replicas: R = draws = 30, so they are exactly the draws behind mean and sigma_stat, target by target
      for (const t of [a, b]) {
        expect(t.replicas).toHaveLength(30);
        for (const r of t.replicas!) expect(r).toHaveLength(test.n);
        for (const i of [0, 1234, 3999]) {
          const draws = t.replicas!.map((r) => r[i]);
          const m = meanWhere(draws);
          // float32 sums of 30 values of O(1): agreement to ~1e-6
          expect(Math.abs(m - t.mean[i])).toBeLessThan(1e-5);
          expect(Math.abs(Math.sqrt(meanWhere(draws.map((d) => (d - m) ** 2))) - t.sigmaStat[i])).toBeLessThan(1e-4);
        }
      }
      // coherent: replica r is function draw r of the body on every event and every target, i.e. the
      // raw outputs (mu_a, mu_b, ...) of one forward pass with the saved prediction seed's draw r
      const sm = model as StochasticModel;
      const few = test.subset(Int32Array.from({ length: 50 }, (_, i) => 80 * i));
      const raw = tf.tidy(() => {
        const draws = sm.net.sampleDraws(30, new NoiseSource(new Rng(sm.spec.seed)));
        const out = sm.net.drawsForward(inputTensors(sm.net.plan.inputs(few), few.n), draws).arraySync();
        tf.dispose(draws.flatMap((d) => d.tensors));
        return out;
      });
      for (const [k, t] of [a, b].entries()) {
        const { mean: m, std: s } = sm.spec.targets![k];
        for (let r = 0; r < 30; r++) {
          for (let j = 0; j < few.n; j++) expect(t.replicas![r][80 * j]).toBe(Math.fround(Math.fround(raw[r][j][k] * Math.fround(s)) + Math.fround(m)));
        }
      }

      // save / load: the same draws (saved seed), so exactly the same prediction; the spec lists the targets
      const dir = await mkdtemp(join(tmpdir(), `hepuq-${c.name}-multitarget-`));
      try {
        await model.save(join(dir, 'model'));
        const saved = JSON.parse(await readFile(join(dir, 'model', 'model.json'), 'utf8')).spec;
        expect(saved.targets.map((t: { name: string }) => t.name)).toEqual(['a', 'b']);
        expect(saved.head).toEqual({ kind: 'gaussian', targets: 2 });
        expect(saved.targetName).toBe('a');
        const loaded = await c.load(join(dir, 'model'), ctx);
        const q = asRegression(await loaded.predict(test, { replicas: 30 }));
        loaded.dispose();
        expectSamePrediction(q.targets!, p.targets!);
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
      model.dispose();
      expect(tf.memory().numTensors).toBe(before);
      app.dispose();
    });
  }

  it('one target given as `targets: [a]` is the single-target model: same spec, same prediction, no `targets`', async () => {
    const few = twoTargetToy(600, 3);
    const a = few.targets[0];
    const listed = new Dataset({ features: few.features, targets: [a], source: 'listed' });
    const single = new Dataset({ features: few.features, target: a.values, targetName: a.name, source: 'single' });
    const run = async (data: Dataset) => {
      const { app, ctx } = await testContext(31);
      const model = (await bnnMethod.fit(data, BnnOptions.parse(quick), ctx)) as StochasticModel;
      const p = asRegression(await model.predict(data, { replicas: 3 }));
      const graph = model.graph();
      model.dispose();
      app.dispose();
      return { p, spec: model.spec, graph };
    };
    const [x, y] = [await run(listed), await run(single)];
    expect(x.p.targets).toBeUndefined();
    expect(x.spec).toEqual(y.spec);
    // the spec a single-target model always saved: no `targets`, a gaussian head without a count
    expect('targets' in x.spec).toBe(false);
    expect(x.spec.head).toEqual({ kind: 'gaussian' });
    expectSamePrediction([{ name: 'a', ...x.p }], [{ name: 'a', ...y.p }]);
    // and its graph keeps per-event outputs [events]
    expect(x.graph.outputs.find((o) => o.name === 'mean')!.shape).toEqual(['events']);
  });

  it('graph(): every output gains a last axis of T = 2 (target order in the metadata)', async () => {
    const { app, ctx } = await testContext(41);
    const model = await mcDropoutMethod.fit(twoTargetToy(500, 4), McDropoutOptions.parse(quick), ctx);
    const graph = model.graph!({ replicas: 6 });
    model.dispose();
    app.dispose();
    const shapes = Object.fromEntries(graph.outputs.map((o) => [o.name, o.shape]));
    for (const name of ['mean', 'sigma_stat', 'sigma_syst', 'sigma_tot']) expect(shapes[name]).toEqual(['events', 2]);
    expect(shapes.replicas).toEqual([6, 'events', 2]);
    expect(shapes.replica_sigma).toEqual([6, 'events', 2]);
    expect(graph.metadata.targets).toBe('a, b');
  });

  it('label smearing acts on every target in its own units: sigma_syst_t^2 = s_t^2 + sigma_cal^2', async () => {
    const { app, ctx } = await testContext(51);
    // b scaled by 1/10 (noise 0.03, std ~0.07, a's ~0.75): smearing divided by the wrong target's std
    // would give b a width of 0.01 or a of 1
    const data = twoTargetToy(4000, 5, 0.1);
    const sigmaCal = 0.1;
    const model = await bnnMethod.fit(data, BnnOptions.parse({ ...bnnOptions, labelSmearing: sigmaCal }), ctx);
    const [a, b] = asRegression(await model.predict(data)).targets!;
    model.dispose();
    app.dispose();
    const extracted = (t: TargetPrediction, truth: (i: number) => number) => Math.sqrt(meanWhere(Float64Array.from(t.sigmaSyst, (s, i) => s * s - truth(i) ** 2)));
    const [ea, eb] = [extracted(a, (i) => data.extras.sigma_a[i]), extracted(b, () => 0.1 * SIGMA_B)];
    // sigma_cal dominates b's width (0.1 vs 0.03), so its extraction is as good as the fit's few-%
    // width bias: measured 0.101-0.104 over seeds 5-8. On a, the fit's bias of s_a^2 (~0.045 on
    // average, learned ~5% high) enters the difference: measured 0.108-0.129. The bands (15%, 50%)
    // still fail by a factor 3 or more for smearing divided by the other target's std.
    expect(Math.abs(eb / sigmaCal - 1)).toBeLessThan(0.15);
    expect(Math.abs(ea / sigmaCal - 1)).toBeLessThan(0.5);
  });

  it('boost and the mixture head take one target: InvalidConfig before training, nothing left behind', async () => {
    const { app, ctx } = await testContext(61);
    const data = twoTargetToy(300, 6);
    let started = 0;
    app.events.events$.pipe(ofType('fit:start')).subscribe(() => started++);
    const before = tf.memory().numTensors;
    for (const [what, fit] of [
      ['boost', () => bnnMethod.fit(data, BnnOptions.parse({ ...quick, boost: { by: 'pull' } }), ctx)],
      ['mixture', () => mcDropoutMethod.fit(data, McDropoutOptions.parse({ ...quick, head: 'mixture' }), ctx)],
    ] as const) {
      const err = await caught(fit);
      expectCatalogError(err, `${what} on two targets`, { code: 'InvalidConfig', mentions: [what, '2'] });
      expect(err.plugin).toBe(BNN_PLUGIN_NAME);
    }
    expect(started).toBe(0);
    expect(tf.memory().numTensors).toBe(before);
    app.dispose();
  });

  it('load refuses a spec whose targets do not match its head (ModelLoadFailed)', async () => {
    const { app, ctx } = await testContext(71);
    const model = await bnnMethod.fit(twoTargetToy(300, 7), BnnOptions.parse(quick), ctx);
    const dir = await mkdtemp(join(tmpdir(), 'hepuq-bnn-multitarget-broken-'));
    try {
      await model.save(dir);
      const file = join(dir, 'model.json');
      const json = JSON.parse(await readFile(file, 'utf8'));
      for (const targets of [json.spec.targets.slice(0, 1), [json.spec.targets[0], json.spec.targets[0]], [{ ...json.spec.targets[0], std: 0 }, json.spec.targets[1]]]) {
        await writeFile(file, JSON.stringify({ ...json, spec: { ...json.spec, targets } }));
        expectCatalogError(await caught(() => bnnMethod.load(dir, ctx)), `targets ${JSON.stringify(targets)}`, { code: 'ModelLoadFailed', mentions: [dir] });
      }
    } finally {
      model.dispose();
      await rm(dir, { recursive: true, force: true });
      app.dispose();
    }
  });
});
