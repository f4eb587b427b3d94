import { EventBus, Rng, selectBackend } from '@hepuq/core';
import { heteroscedastic1dToy } from '@hepuq/datasets';
import { describe, expect, it } from 'vitest';
import { deepEnsembleMethod } from '../methods/deep-ensemble.method.js';

describe('EnsembleModel regression decomposition', () => {
  it('mean = member mean, sigma_stat = member spread (1/M), sigma_tot^2 = stat^2 + syst^2, replicas = members', async () => {
    await selectBackend();
    const train = heteroscedastic1dToy.generate(300, {}, new Rng(1));
    const test = heteroscedastic1dToy.generate(100, {}, new Rng(2));
    const model = await deepEnsembleMethod.fit(train, deepEnsembleMethod.options.parse({ members: 4, hidden: [8], epochs: 2 }), { rng: new Rng(3), events: new EventBus() });
    const p = await model.predict(test, { replicas: 4 });
    const two = await model.predict(test, { replicas: 2 });
    model.dispose();
    if (p.kind !== 'regression' || two.kind !== 'regression') throw new Error('expected regression');
    for (let i = 0; i < test.n; i++) {
      const r = p.replicas!.map((row) => row[i]);
      const mean = r.reduce((a, b) => a + b, 0) / 4;
      const stat = Math.sqrt(r.reduce((a, b) => a + (b - mean) ** 2, 0) / 4);
      // float32 arithmetic on O(1) values: 1e-5
      expect(Math.abs(p.mean[i] - mean)).toBeLessThan(1e-5);
      expect(Math.abs(p.sigmaStat[i] - stat)).toBeLessThan(1e-5);
      expect(Math.abs(p.sigmaTot[i] ** 2 - p.sigmaStat[i] ** 2 - p.sigmaSyst[i] ** 2)).toBeLessThan(1e-5);
    }
    // a subset of replicas is the first members, the moments always use all of them
    expect(two.replicas).toHaveLength(2);
    expect(Array.from(two.replicas![1])).toEqual(Array.from(p.replicas![1]));
    expect(Array.from(two.sigmaStat)).toEqual(Array.from(p.sigmaStat));
  });
});
