import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EventBus, Rng, selectBackend } from '@hepuq/core';
import { heteroscedastic1dToy } from '@hepuq/datasets';
import { predictiveStatScale } from '@hepuq/nn';
import { describe, expect, it } from 'vitest';
import { deepEnsembleMethod } from '../methods/deep-ensemble.method.js';

const fit = async (options: Record<string, unknown>) => {
  await selectBackend();
  const train = heteroscedastic1dToy.generate(300, {}, new Rng(1));
  return deepEnsembleMethod.fit(train, deepEnsembleMethod.options.parse({ members: 4, hidden: [8], epochs: 2, ...options }), { rng: new Rng(3), events: new EventBus() });
};
const test = heteroscedastic1dToy.generate(100, {}, new Rng(2));
const regression = <T extends { kind: string }>(p: T) => {
  if (p.kind !== 'regression') throw new Error('expected regression');
  return p as Extract<T, { kind: 'regression' }>;
};

describe('EnsembleModel regression decomposition', () => {
  it('mean = member mean, sigma_stat = member spread (1/M) x sqrt((M+1)/(M-3)), sigma_tot^2 = stat^2 + syst^2, replicas = members', async () => {
    const model = await fit({});
    const p = regression(await model.predict(test, { replicas: 4 }));
    const two = regression(await model.predict(test, { replicas: 2 }));
    model.dispose();
    const scale = Math.sqrt(5); // M = 4: sqrt(5 / 1)
    expect(predictiveStatScale(4)).toBeCloseTo(scale, 12);
    for (let i = 0; i < test.n; i++) {
      const r = p.replicas!.map((row) => row[i]);
      const mean = r.reduce((a, b) => a + b, 0) / 4;
      const spread = Math.sqrt(r.reduce((a, b) => a + (b - mean) ** 2, 0) / 4);
      // float32 arithmetic on O(1) values: 1e-5
      expect(Math.abs(p.mean[i] - mean)).toBeLessThan(1e-5);
      expect(Math.abs(p.sigmaStat[i] - scale * spread)).toBeLessThan(1e-5);
      expect(Math.abs(p.sigmaTot[i] ** 2 - p.sigmaStat[i] ** 2 - p.sigmaSyst[i] ** 2)).toBeLessThan(1e-5);
    }
    // a subset of replicas is the first members, the moments always use all of them
    expect(two.replicas).toHaveLength(2);
    expect(Array.from(two.replicas![1])).toEqual(Array.from(p.replicas![1]));
    expect(Array.from(two.sigmaStat)).toEqual(Array.from(p.sigmaStat));
  });

  it('sigmaStat: spread reports the plain spread with the same members and widths', async () => {
    const [predictive, spread] = [await fit({}), await fit({ sigmaStat: 'spread' })];
    const [a, b] = [regression(await predictive.predict(test)), regression(await spread.predict(test))];
    predictive.dispose();
    spread.dispose();
    expect(b.mean).toEqual(a.mean);
    expect(b.sigmaSyst).toEqual(a.sigmaSyst);
    for (let i = 0; i < test.n; i++) expect(a.sigmaStat[i]).toBeCloseTo(Math.sqrt(5) * b.sigmaStat[i], 5);
  });

  it('2 or 3 members default to the spread; asking for the predictive std with 3 is refused before training', async () => {
    const three = await fit({ members: 3 });
    const p = regression(await three.predict(test, { replicas: 3 }));
    three.dispose();
    const r = p.replicas!.map((row) => row[0]);
    const mean = r.reduce((a, b) => a + b, 0) / 3;
    expect(p.sigmaStat[0]).toBeCloseTo(Math.sqrt(r.reduce((a, b) => a + (b - mean) ** 2, 0) / 3), 5);
    await expect(fit({ members: 3, sigmaStat: 'predictive' })).rejects.toMatchObject({ code: 'InvalidConfig', message: expect.stringContaining('at least 4 members, got 3') });
  });

  it('an ensemble saved before the factor was recorded loads with the plain spread; a bad factor is refused', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'hepuq-ensemble-scale-'));
    try {
      const model = await fit({});
      await model.save(join(dir, 'm'));
      const file = join(dir, 'm', 'model.json');
      const json = JSON.parse(await readFile(file, 'utf8')) as { spec: Record<string, unknown> };
      expect(json.spec.statScale).toBeCloseTo(Math.sqrt(5), 12);
      delete json.spec.statScale;
      await writeFile(file, JSON.stringify(json));
      const legacy = await deepEnsembleMethod.load(join(dir, 'm'), { rng: new Rng(4), events: new EventBus() });
      const [a, b] = [regression(await model.predict(test)), regression(await legacy.predict(test))];
      for (let i = 0; i < test.n; i++) expect(a.sigmaStat[i]).toBeCloseTo(Math.sqrt(5) * b.sigmaStat[i], 5);
      model.dispose();
      legacy.dispose();
      json.spec.statScale = 0.5;
      await writeFile(file, JSON.stringify(json));
      await expect(deepEnsembleMethod.load(join(dir, 'm'), { rng: new Rng(4), events: new EventBus() })).rejects.toMatchObject({ code: 'ModelLoadFailed', message: expect.stringContaining('statScale 0.5') });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
