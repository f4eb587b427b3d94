import * as tf from '@tensorflow/tfjs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Dataset, particleSetFromJagged, EventBus, LOCAL_EXECUTOR, LocalExecutor, LocalExecutorOptions, predictionArrays, Rng, selectBackend, type Prediction, type UQMethod } from '@hepuq/core';
import { heteroscedastic1dToy, twoClass2dToy } from '@hepuq/datasets';
import { beforeAll, describe, expect, it } from 'vitest';
import { bootstrapEnsembleMethod } from '../methods/bootstrap-ensemble.method.js';
import { deepEnsembleClassifierMethod, deepEnsembleMethod } from '../methods/deep-ensemble.method.js';
import type { EnsembleModel } from '../model/ensemble-model.js';

const small = { members: 3, hidden: [16, 16], epochs: 3, batchSize: 64, lr: 3e-3 };
const ctx = (executor?: LocalExecutor) => ({ rng: new Rng(21), events: new EventBus(), executor });

function columns(p: Prediction): Float32Array[] {
  return predictionArrays(p).filter(([name]) => name !== 'sigmaTot').map(([, col]) => col);
}

/** Largest |a - b| / (1 + |b|) over all columns. */
function maxRelDiff(a: Prediction, b: Prediction): number {
  const cb = columns(b);
  let worst = 0;
  columns(a).forEach((col, k) => col.forEach((v, i) => (worst = Math.max(worst, Math.abs(v - cb[k][i]) / (1 + Math.abs(cb[k][i]))))));
  return worst;
}

// Stacked and one-by-one training run the same float32 arithmetic in a different kernel order (member-
// wise slices vs 2-D matmuls, one summed loss vs M losses): rounding differs at 1e-7 per step and grows
// over ~20 Adam steps to 1e-6..1e-5 in the outputs. 1e-4 is float tolerance; a wrong batch, weight or
// init for any member changes predictions by O(0.1).
const TOL = 1e-4;

describe('stacked ensemble == members trained one by one with the same seeds', () => {
  beforeAll(async () => {
    await selectBackend();
  });

  const train = heteroscedastic1dToy.generate(300, {}, new Rng(1));
  const test = heteroscedastic1dToy.generate(200, {}, new Rng(2));

  const cases: [string, UQMethod, Record<string, unknown>][] = [
    ['deep-ensemble (own init and batch order per member)', deepEnsembleMethod, {}],
    ['bootstrap-ensemble (Poisson weights, fixed init)', bootstrapEnsembleMethod, {}],
    ['bootstrap-ensemble with varyInit', bootstrapEnsembleMethod, { varyInit: true }],
  ];
  for (const [name, method, extra] of cases) {
    it(name, async () => {
      const before = tf.memory().numTensors;
      const stacked = await method.fit(train, method.options.parse({ ...small, ...extra }), ctx()) as EnsembleModel;
      const single = await method.fit(train, method.options.parse({ ...small, ...extra, stacked: false }), ctx()) as EnsembleModel;
      const [p, q] = [await stacked.predict(test, { replicas: 3 }), await single.predict(test, { replicas: 3 })];
      expect(maxRelDiff(p, q)).toBeLessThan(TOL);
      // the members really differ (the comparison is not between copies of one network)
      expect(p.kind === 'regression' && Math.max(...p.sigmaStat)).toBeGreaterThan(1e-3);
      stacked.dispose();
      single.dispose();
      expect(tf.memory().numTensors).toBe(before);
    });
  }

  it('deep-ensemble-classifier', async () => {
    const ctrain = twoClass2dToy.generate(300, {}, new Rng(3));
    const ctest = twoClass2dToy.generate(200, {}, new Rng(4));
    const method = deepEnsembleClassifierMethod;
    const stacked = await method.fit(ctrain, method.options.parse(small), ctx());
    const single = await method.fit(ctrain, method.options.parse({ ...small, stacked: false }), ctx());
    expect(maxRelDiff(await stacked.predict(ctest, { replicas: 2 }), await single.predict(ctest, { replicas: 2 }))).toBeLessThan(TOL);
    stacked.dispose();
    single.dispose();
  });

  it('runs the members as executor tasks (results in member order) when stacked: false and ctx.executor is set', async () => {
    const events = new EventBus();
    const done: number[] = [];
    events.events$.subscribe((e) => e.type === 'executor:task-done' && done.push(e.payload.done));
    // inline mode: the same task module and executor contract, without worker start-up in a unit test
    const executor = new LocalExecutor(events, LocalExecutorOptions.parse({ mode: 'inline', concurrency: 2 }));
    expect(executor.name).toBe(LOCAL_EXECUTOR);
    const viaExecutor = await deepEnsembleMethod.fit(train, deepEnsembleMethod.options.parse({ ...small, stacked: false }), { ...ctx(), executor });
    const stacked = await deepEnsembleMethod.fit(train, deepEnsembleMethod.options.parse(small), ctx());
    expect(maxRelDiff(await viaExecutor.predict(test, { replicas: 3 }), await stacked.predict(test, { replicas: 3 }))).toBeLessThan(TOL);
    // three member tasks; a member failing the health check goes back to the executor as a further
    // task (here one, retrained the same way as the stacked ensemble's: the predictions agree)
    expect(done).toEqual([1, 2, 3, 1]);
    viaExecutor.dispose();
    stacked.dispose();
    await executor.dispose();
  });

  it('a particle-set body (pfn): stacked == one by one, and the model saves and loads', async () => {
    const sets = (n: number, seed: number) => {
      const rng = new Rng(seed);
      const cols = { pt: [] as number[][], eta: [] as number[][] };
      const target = new Float32Array(n);
      for (let i = 0; i < n; i++) {
        const len = 1 + rng.int(5);
        cols.pt.push(Array.from({ length: len }, () => rng.uniform()));
        cols.eta.push(Array.from({ length: len }, () => rng.normal(0, 1)));
        target[i] = cols.pt[i].reduce((a, v, k) => a + v * cols.eta[i][k], 0) + rng.normal(0, 0.1);
      }
      const set = particleSetFromJagged({ features: ['pt', 'eta'], columns: cols, size: 6 });
      return new Dataset({ features: { mult: Float32Array.from(cols.pt, (p) => p.length) }, target, sets: { parts: set } });
    };
    const options = { ...small, network: { use: 'pfn', options: { phi: [8, 4] } } };
    const before = tf.memory().numTensors;
    const stacked = await deepEnsembleMethod.fit(sets(300, 7), deepEnsembleMethod.options.parse(options), ctx()) as EnsembleModel;
    const single = await deepEnsembleMethod.fit(sets(300, 7), deepEnsembleMethod.options.parse({ ...options, stacked: false }), ctx());
    const test = sets(100, 8);
    const p = await stacked.predict(test, { replicas: 3 });
    expect(maxRelDiff(p, await single.predict(test, { replicas: 3 }))).toBeLessThan(TOL);
    expect(p.kind === 'regression' && Math.max(...p.sigmaStat)).toBeGreaterThan(1e-3);
    const dir = await mkdtemp(join(tmpdir(), 'hepuq-pfn-ensemble-'));
    try {
      await stacked.save(dir);
      const loaded = await deepEnsembleMethod.load(dir, ctx());
      expect(maxRelDiff(await loaded.predict(test, { replicas: 3 }), p)).toBe(0);
      loaded.dispose();
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
    stacked.dispose();
    single.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('stops a diverging ensemble with TrainingDiverged and frees every tensor', async () => {
    const before = tf.memory().numTensors;
    const err = await deepEnsembleMethod.fit(train, deepEnsembleMethod.options.parse({ ...small, lr: 1e9, lrFinal: 1 }), ctx()).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'TrainingDiverged' });
    expect(tf.memory().numTensors).toBe(before);
  });

  it('runs the member task on worker threads (inputs and weights cross the thread boundary intact)', async () => {
    const executor = new LocalExecutor(new EventBus(), LocalExecutorOptions.parse({ mode: 'threads', concurrency: 2 }));
    const options = { ...small, members: 2, epochs: 2 };
    try {
      const threaded = await deepEnsembleMethod.fit(train, deepEnsembleMethod.options.parse({ ...options, stacked: false }), { ...ctx(), executor });
      const stacked = await deepEnsembleMethod.fit(train, deepEnsembleMethod.options.parse(options), ctx());
      expect(maxRelDiff(await threaded.predict(test, { replicas: 2 }), await stacked.predict(test, { replicas: 2 }))).toBeLessThan(TOL);
      threaded.dispose();
      stacked.dispose();
    } finally {
      await executor.dispose();
    }
  });
});
