import { describe, expect, it } from 'vitest';
import { Rng } from '@hepuq/core';
import { heteroscedastic1dToy, twoClass2dToy } from '@hepuq/datasets';
import { asClassification, asRegression, auc, meanWhere, pullStats, testContext } from '../spec-helpers.js';
import { McDropoutClassifierOptions, McDropoutOptions } from './bnn-options.js';
import { mcDropoutMethod } from './mc-dropout.method.js';
import { mcDropoutClassifierMethod } from './mc-dropout-classifier.method.js';

describe('mc-dropout (Bernoulli dropout kept on at prediction)', () => {
  it('regression: conservative pulls, sigma_syst near the true noise, sigma_stat growing with the dropout rate', async () => {
    const { app, ctx } = await testContext(12);
    const train = heteroscedastic1dToy.generate(8000, {}, new Rng(121));
    const test = heteroscedastic1dToy.generate(5000, {}, new Rng(122));
    const fit = (rate: number) => mcDropoutMethod.fit(train, McDropoutOptions.parse({ epochs: 40, lr: 5e-3, hidden: [64, 64], rate }), ctx);
    const [small, large] = [await fit(0.01), await fit(0.1)];
    const p = asRegression(await small.predict(test, { replicas: 5 }));
    const q = asRegression(await large.predict(test));
    // Training sees per-event masks, so the learned width already contains the dropout noise of the
    // mean (the Kendall & Gal 1703.04977 set-up); adding the spread over masks again makes sigma_tot
    // conservative (measured pull std 0.84 at p = 0.01). 5000 test events: standard errors 0.01 on the
    // pull std and 0.007 on the coverage, so the bands below separate "conservative" from "broken".
    const s = pullStats(test.target!, p.mean, p.sigmaTot);
    expect(Math.abs(s.mean)).toBeLessThan(0.05);
    expect(s.std).toBeGreaterThan(0.75);
    expect(s.std).toBeLessThan(1.05);
    expect(s.cover1).toBeGreaterThan(0.6827 - 0.02);
    expect(s.cover2).toBeGreaterThan(0.9545 - 0.02);
    expect(Math.abs(meanWhere(Float64Array.from(p.sigmaSyst, (v, i) => v / test.extras.true_sigma[i])) - 1)).toBeLessThan(0.2);
    // the variational family widens with p: more dropout, more spread between mask draws
    expect(meanWhere(q.sigmaStat)).toBeGreaterThan(1.5 * meanWhere(p.sigmaStat));
    // replicas: each is one mask draw applied to every event, so two replicas differ
    expect(Array.from(p.replicas![0])).not.toEqual(Array.from(p.replicas![1]));
    small.dispose();
    large.dispose();
    app.dispose();
  });

  it('classification: AUC of the deterministic limit and sigma^2 <= mu(1 - mu) event by event', async () => {
    const { app, ctx } = await testContext(13);
    const train = twoClass2dToy.generate(6000, {}, new Rng(131));
    const test = twoClass2dToy.generate(4000, {}, new Rng(132));
    const model = await mcDropoutClassifierMethod.fit(train, McDropoutClassifierOptions.parse({ epochs: 20, hidden: [32, 32] }), ctx);
    const p = asClassification(await model.predict(test));
    // Bayes-optimal AUC ~0.92; 4000 events give a standard error of 0.005
    expect(auc(p.prob, test.label!)).toBeGreaterThan(0.9);
    for (let i = 0; i < test.n; i++) expect(p.sigmaProb[i] ** 2).toBeLessThanOrEqual(p.prob[i] * (1 - p.prob[i]) + 1e-7);
    model.dispose();
    app.dispose();
  });
});
