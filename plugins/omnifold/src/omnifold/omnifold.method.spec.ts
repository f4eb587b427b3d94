import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { createHepuq, EventBus, LocalExecutor, LocalExecutorOptions, loadUnfoldingProblem, Registry, Rng, z, type HepuqApp, type UnfoldingData, type UnfoldingProblem, type UQMethod } from '@hepuq/core';
import { datasets } from '@hepuq/datasets';
import { nnPlugin } from '@hepuq/nn';
import { weightedMoments } from '../observables/weighted-moments.js';
import { gaussIdealLimit } from './gauss-ideal-limit.js';
import { omnifoldMethod } from './omnifold.method.js';
import { OmniFoldOptions } from './omnifold.options.js';

let app: HepuqApp;
beforeAll(async () => {
  app = await createHepuq({ plugins: [nnPlugin(), datasets()] });
});

const ctx = (seed: number) => ({ rng: new Rng(seed), events: new EventBus(), methods: app.registries.methods });
const problemOf = (data: UnfoldingData, seed: number) => loadUnfoldingProblem(app.registries, data, new Rng(seed));
const gauss = (n: number): UnfoldingData => ({
  sim: { toy: 'unfold-gauss', n, options: { sample: 'sim' }, gen: ['gen_x'], reco: ['reco_x'] },
  data: { toy: 'unfold-gauss', n, options: { sample: 'nature' }, reco: ['reco_x'], truth: ['gen_x'] },
});
const multi = (n: number): UnfoldingData => ({
  sim: { toy: 'unfold-multi', n, options: { sample: 'sim' }, gen: ['gen_mass', 'gen_width', 'gen_mult'], reco: ['reco_mass', 'reco_width', 'reco_mult'], pass_gen: 'pass_gen', pass_reco: 'pass_reco' },
  data: { toy: 'unfold-multi', n, options: { sample: 'nature' }, reco: ['reco_mass', 'reco_width', 'reco_mult'], pass_reco: 'pass_reco', truth: ['gen_mass'], pass_gen: 'pass_gen' },
});
const small = { hidden: [16, 16], activation: 'elu', epochs: 4, batchSize: 256 };

describe('omnifold', () => {
  it('follows the ideal-classifier limit on the Gaussian example, iteration by iteration, within its bootstrap errors', async () => {
    const n = 10_000;
    const problem = await problemOf(gauss(n), 1);
    const options = OmniFoldOptions.parse({ iterations: 3, bootstrap: 5 });
    const result = await omnifoldMethod.unfold(problem, options, ctx(2));
    const x = problem.sim.gen.gen_x;
    const moments = (w?: Float32Array) => weightedMoments(x, problem.sim.weights, w, problem.sim.passGen);
    const prior = moments();
    // the ideal limit starts from the simulation actually drawn and aims at the nature population
    const ideal = gaussIdealLimit({ mean: prior.mean, variance: prior.std ** 2 }, { mean: 0.2, variance: 0.64 }, 0.5, 3);
    const replicas = result.replicas!.map(moments);
    const sd = (v: number[]) => Math.sqrt(v.reduce((s, a) => s + (a - v.reduce((t, b) => t + b, 0) / v.length) ** 2, 0) / (v.length - 1));
    // the replicas' spread covers the data's statistics and the classifiers' training noise; the nature
    // population's own moments are known exactly, but the data drawn from it fluctuates by sigma/sqrt(n)
    const meanErr = Math.hypot(sd(replicas.map((r) => r.mean)), 0.8 / Math.sqrt(n));
    const stdErr = Math.hypot(sd(replicas.map((r) => r.std)), 0.8 / Math.sqrt(2 * n));
    result.iterations.forEach((w, it) => {
      const m = moments(w);
      // 4 sigma with a 5-replica error estimate (its own relative uncertainty is ~35%)
      expect(Math.abs(m.mean - ideal[it].mean)).toBeLessThan(4 * meanErr);
      expect(Math.abs(m.std - Math.sqrt(ideal[it].variance))).toBeLessThan(4 * stdErr);
    });
    // every iteration moves the width towards nature's 0.8 and the weights change less and less
    const widths = result.iterations.map((w) => moments(w).std);
    expect(widths[0]).toBeLessThan(prior.std);
    expect(widths[2]).toBeLessThan(widths[0]);
    expect(result.history[2].weight_change).toBeLessThan(result.history[0].weight_change);
    expect(result.metrics.ess_fraction.value).toBeGreaterThan(0.5);
  }, 600_000);

  it('unfolds several observables with efficiency < 1 and fakes: fakes carry no particle-level weight, steps 1b/2b change the result', async () => {
    const problem = await problemOf(multi(3000), 3);
    const missed = problem.sim.passGen.findIndex((g, i) => g === 1 && problem.sim.passReco[i] === 0);
    const fake = problem.sim.passGen.findIndex((g) => g === 0);
    expect(missed).toBeGreaterThanOrEqual(0);
    expect(fake).toBeGreaterThanOrEqual(0);
    const classifier = { use: 'mlp-classifier', options: small };
    const averaged = await omnifoldMethod.unfold(problem, OmniFoldOptions.parse({ iterations: 1, ensemble: 2, classifier }), ctx(4));
    const w = averaged.iterations[0];
    expect(w.every((v) => Number.isFinite(v) && v >= 0)).toBe(true);
    // the result holds particle-level weights: a fake has none
    expect(w[fake]).toBe(0);
    expect(w[missed]).toBeGreaterThan(0);
    expect(averaged.members).toHaveLength(2);
    expect(averaged.members![0]).not.toEqual(averaged.members![1]);
    // `prior` trains no steps 1b/2b; steps 1 and 2 train the same classifiers (same seeds), so the
    // particle-level weights differ only through what steps 1b/2b gave the missed events
    const prior = await omnifoldMethod.unfold(problem, OmniFoldOptions.parse({ iterations: 1, missing: 'prior', ensemble: 2, classifier }), ctx(4));
    expect(prior.iterations[0][fake]).toBe(0);
    expect(prior.iterations[0]).not.toEqual(w);
  });

  it('histograms observables with OmniFold and IBU, and rejects an unknown observable before training', async () => {
    const problem = await problemOf(gauss(2000), 5);
    const options = OmniFoldOptions.parse({ iterations: 1, bootstrap: 2, classifier: { use: 'mlp-classifier', options: small }, observables: [{ column: 'gen_x', bins: { n: 8, min: -2, max: 2 } }] });
    const result = await omnifoldMethod.unfold(problem, options, ctx(6));
    const [o] = (result.unfolded as { observables: { omnifold: { density: number[]; stat_err: number[] }; ibu: { density: number[] }; truth: { density: number[] }; reco: string }[] }).observables;
    expect(o.reco).toBe('reco_x');
    const area = (d: number[]) => d.reduce((s, v) => s + v * 0.5, 0);
    expect(area(o.omnifold.density)).toBeCloseTo(1, 6);
    expect(area(o.ibu.density)).toBeCloseTo(1, 6);
    expect(area(o.truth.density)).toBeCloseTo(1, 6);
    expect(o.omnifold.stat_err.every((e) => e > 0)).toBe(true);
    const bad = OmniFoldOptions.parse({ ...options, observables: [{ column: 'gen_y', bins: [0, 1] }] });
    await expect(omnifoldMethod.unfold(problem, bad, ctx(6))).rejects.toMatchObject({ code: 'MissingColumn', message: expect.stringContaining('gen_y') });
    // a bin no simulated event reaches cannot be unfolded by IBU: rejected before any classifier trains
    const events = new EventBus();
    let fits = 0;
    events.events$.subscribe((e) => { if (e.type === 'fit:start') fits++; });
    const empty = OmniFoldOptions.parse({ ...options, observables: [{ column: 'gen_x', bins: [-1, 0, 8, 9] }] });
    await expect(omnifoldMethod.unfold(problem, empty, { ...ctx(6), events })).rejects.toMatchObject({ code: 'InvalidArgument', message: expect.stringContaining('2') });
    expect(fits).toBe(0);
  });

  it('validates its classifier: a classification method, warm-startable when warmStart is set', () => {
    const methods = new Registry<UQMethod>('method');
    for (const key of ['mlp-classifier', 'het-mlp']) methods.add(key, app.registries.methods.get(key));
    methods.add('cold', { ...app.registries.methods.get('mlp-classifier'), key: 'cold', warmStart: false });
    const parse = (o: Record<string, unknown>) => OmniFoldOptions.parse(o);
    expect(() => omnifoldMethod.validate!(parse({ classifier: { use: 'het-mlp' } }), methods)).toThrow(expect.objectContaining({ code: 'InvalidConfig', message: expect.stringContaining('het-mlp') }));
    expect(() => omnifoldMethod.validate!(parse({ warmStart: true, classifier: { use: 'cold' } }), methods)).toThrow(expect.objectContaining({ code: 'InvalidConfig' }));
    expect(() => omnifoldMethod.validate!(parse({ classifier: { use: 'mlp-classifier', options: { epochz: 3 } } }), methods)).toThrow(expect.objectContaining({ code: 'InvalidConfig', message: expect.stringContaining('epochz') }));
    expect(() => omnifoldMethod.validate!(parse({ warmStart: true }), methods)).not.toThrow();
    expect(() => OmniFoldOptions.parse({ iterations: 0 })).toThrow(z.ZodError);
  });

  it('warm-starts each iteration from the last and frees every tensor', async () => {
    const problem = await problemOf(gauss(1000), 7);
    const before = tf.memory().numTensors;
    const result = await omnifoldMethod.unfold(problem, OmniFoldOptions.parse({ iterations: 2, warmStart: true, classifier: { use: 'mlp-classifier', options: small } }), ctx(8));
    expect(result.iterations).toHaveLength(2);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('runs the ensemble and the replicas as executor tasks with the same results as in-process', async () => {
    const problem: UnfoldingProblem = await problemOf(gauss(1000), 9);
    const options = OmniFoldOptions.parse({ iterations: 1, bootstrap: 2, classifier: { use: 'mlp-classifier', options: small } });
    const events = new EventBus();
    const done: number[] = [];
    events.events$.subscribe((e) => e.type === 'executor:task-done' && done.push(e.payload.done));
    // inline mode: the task module and the executor contract without worker start-up in a unit test
    const executor = new LocalExecutor(events, LocalExecutorOptions.parse({ mode: 'inline', concurrency: 2 }));
    try {
      const viaExecutor = await omnifoldMethod.unfold(problem, options, { ...ctx(10), executor });
      const inProcess = await omnifoldMethod.unfold(problem, options, ctx(10));
      expect(viaExecutor.iterations[0]).toEqual(inProcess.iterations[0]);
      expect(viaExecutor.replicas).toEqual(inProcess.replicas);
      expect(done).toEqual([1, 2, 3]);
    } finally {
      await executor.dispose();
    }
  });
});
