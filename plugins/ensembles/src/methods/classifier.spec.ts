import { EventBus, Rng, selectBackend, type UQMethod } from '@hepuq/core';
import { twoClass2dToy } from '@hepuq/datasets';
import { beforeAll, describe, expect, it } from 'vitest';
import { bootstrapEnsembleClassifierMethod } from './bootstrap-ensemble.method.js';
import { deepEnsembleClassifierMethod } from './deep-ensemble.method.js';
import { repulsiveEnsembleClassifierMethod } from './repulsive-ensemble.method.js';

const OPTIONS = { members: 4, hidden: [16, 16], epochs: 15, batchSize: 128, lr: 0.01, lrFinal: 0.05 };
const train = twoClass2dToy.generate(3000, {}, new Rng(1));
const test = twoClass2dToy.generate(4000, {}, new Rng(2));

describe('ensemble classifiers on two-class-2d (exact P(signal | x) known)', () => {
  beforeAll(async () => {
    await selectBackend();
  });

  for (const method of [deepEnsembleClassifierMethod, bootstrapEnsembleClassifierMethod, repulsiveEnsembleClassifierMethod] as UQMethod[]) {
    it(`${method.key}: prob = member mean close to the truth, sigma_prob = member std, replicas = members`, async () => {
      const model = await method.fit(train, method.options.parse(OPTIONS), { rng: new Rng(7), events: new EventBus() });
      const p = await model.predict(test, { replicas: 4 });
      model.dispose();
      if (p.kind !== 'classification') throw new Error('expected a classification prediction');
      const truth = test.extras.true_prob;
      let dev = 0;
      let sigma = 0;
      for (let i = 0; i < test.n; i++) {
        dev += Math.abs(p.prob[i] - truth[i]);
        sigma += p.sigmaProb[i];
        // member mean and population std, recomputed from the replicas (the members)
        const r = p.replicas!.map((row) => row[i]);
        const mean = r.reduce((a, b) => a + b, 0) / r.length;
        const sd = Math.sqrt(r.reduce((a, b) => a + (b - mean) ** 2, 0) / r.length);
        expect(Math.abs(p.prob[i] - mean)).toBeLessThan(1e-5);
        expect(Math.abs(p.sigmaProb[i] - sd)).toBeLessThan(1e-4);
        // Bhatia-Davis: a spread of values in [0, 1] never exceeds sqrt(mu (1 - mu))
        expect(p.sigmaProb[i]).toBeLessThanOrEqual(Math.sqrt(p.prob[i] * (1 - p.prob[i])) + 1e-6);
      }
      // a logistic truth learned from 3000 events: mean |p - p_true| ~ 0.01-0.02; 0.04 flags a broken fit
      expect(dev / test.n).toBeLessThan(0.04);
      expect(sigma / test.n).toBeGreaterThan(1e-3);
      expect(p.replicas).toHaveLength(4);
    });
  }

  it('refuses more replicas than members', async () => {
    const model = await deepEnsembleClassifierMethod.fit(train, deepEnsembleClassifierMethod.options.parse({ ...OPTIONS, epochs: 1 }), { rng: new Rng(7), events: new EventBus() });
    await expect(model.predict(test, { replicas: 5 })).rejects.toMatchObject({ code: 'InvalidArgument', plugin: '@hepuq/plugin-ensembles' });
    model.dispose();
  });
});
