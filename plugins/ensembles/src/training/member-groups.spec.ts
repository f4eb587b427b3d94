import * as tf from '@tensorflow/tfjs';
import { EventBus, LocalExecutor, LocalExecutorOptions, predictionArrays, Rng, selectBackend, type Prediction, type UQMethod } from '@hepuq/core';
import { heteroscedastic1dToy, twoClass2dToy } from '@hepuq/datasets';
import { beforeAll, describe, expect, it } from 'vitest';
import { bootstrapEnsembleMethod } from '../methods/bootstrap-ensemble.method.js';
import { deepEnsembleClassifierMethod, deepEnsembleMethod } from '../methods/deep-ensemble.method.js';
import type { EnsembleModel } from '../model/ensemble-model.js';
import { memberGroups } from './member-groups.js';

const small = { members: 5, hidden: [16, 16], epochs: 3, batchSize: 64, lr: 3e-3, health: { check: false } };
const ctx = (executor?: LocalExecutor) => ({ rng: new Rng(21), events: new EventBus(), executor });
const columns = (p: Prediction) => predictionArrays(p).map(([, col]) => Array.from(col));

describe('members trained in groups across worker threads', () => {
  beforeAll(async () => {
    await selectBackend();
  });

  const cases: [string, UQMethod, Record<string, unknown>, () => ReturnType<typeof heteroscedastic1dToy.generate>][] = [
    ['deep-ensemble', deepEnsembleMethod, {}, () => heteroscedastic1dToy.generate(300, {}, new Rng(1))],
    ['bootstrap-ensemble', bootstrapEnsembleMethod, {}, () => heteroscedastic1dToy.generate(300, {}, new Rng(1))],
    ['deep-ensemble-classifier', deepEnsembleClassifierMethod, {}, () => twoClass2dToy.generate(300, {}, new Rng(1))],
  ];
  for (const [name, method, extra, data] of cases) {
    it(`${name}: 2 groups give the one stack's predictions bit for bit`, async () => {
      const train = data();
      const before = tf.memory().numTensors;
      const one = await method.fit(train, method.options.parse({ ...small, ...extra, workers: 1 }), ctx()) as EnsembleModel;
      const two = await method.fit(train, method.options.parse({ ...small, ...extra, workers: 2 }), ctx()) as EnsembleModel;
      const [p, q] = [await one.predict(train), await two.predict(train)];
      expect(columns(q)).toEqual(columns(p));
      one.dispose();
      two.dispose();
      expect(tf.memory().numTensors).toBe(before);
    });
  }

  it('uses the run executor when there is one (3 groups of 5 members on 2 threads)', async () => {
    const train = heteroscedastic1dToy.generate(300, {}, new Rng(1));
    const executor = new LocalExecutor(new EventBus(), LocalExecutorOptions.parse({ mode: 'threads', concurrency: 2 }));
    try {
      const one = await deepEnsembleMethod.fit(train, deepEnsembleMethod.options.parse({ ...small, workers: 1 }), ctx()) as EnsembleModel;
      const three = await deepEnsembleMethod.fit(train, deepEnsembleMethod.options.parse({ ...small, workers: 3 }), ctx(executor)) as EnsembleModel;
      expect(columns(await three.predict(train))).toEqual(columns(await one.predict(train)));
      one.dispose();
      three.dispose();
    } finally {
      await executor.dispose();
    }
  });
});

describe('memberGroups (how many groups auto picks)', () => {
  const set = (n: number, use = 'mlp') => ({ n, plan: { spec: { use, options: {} }, stacks: [{ inputs: 20, hidden: [64, 64], outputs: 2, activation: 'relu' as const }] } }) as never;
  const base = { workers: 'auto' as const, members: 10, epochs: 100, checkpoints: false, method: 'deep-ensemble', cores: 2 };

  it('one group per core for a long training, one stack for a short one or a single core', () => {
    // 3 x 5.5k weights x 2e4 events x 100 epochs x 10 members = 3.3e11 multiply-adds: minutes of work
    expect(memberGroups({ ...base, set: set(20_000) })).toBe(2);
    expect(memberGroups({ ...base, set: set(20_000), cores: 8 })).toBe(8);
    expect(memberGroups({ ...base, set: set(20_000), members: 3, cores: 8 })).toBe(3);
    // 300 events x 3 epochs: milliseconds, not worth a thread
    expect(memberGroups({ ...base, set: set(300), epochs: 3 })).toBe(1);
    expect(memberGroups({ ...base, set: set(20_000), cores: 1 })).toBe(1);
  });

  it('one stack with checkpoints (only in-thread training writes them) or a custom body', () => {
    expect(memberGroups({ ...base, set: set(20_000), checkpoints: true })).toBe(1);
    expect(memberGroups({ ...base, set: set(20_000), checkpoints: true, workers: 4 })).toBe(1);
    expect(memberGroups({ ...base, set: set(20_000, 'acme/body') })).toBe(1);
  });

  it('takes a number as given (at most one group per member), and refuses groups for a custom body', () => {
    expect(memberGroups({ ...base, set: set(300), epochs: 3, workers: 4 })).toBe(4);
    expect(memberGroups({ ...base, set: set(300), members: 3, workers: 4 })).toBe(3);
    expect(() => memberGroups({ ...base, set: set(300, 'acme/body'), workers: 2 })).toThrow(expect.objectContaining({ code: 'UnsupportedNetwork' }));
  });
});
