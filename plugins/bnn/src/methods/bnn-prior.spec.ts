import { describe, expect, it } from 'vitest';
import { Rng } from '@hepuq/core';
import { twoClass2dToy } from '@hepuq/datasets';
import { asClassification, auc, meanWhere, testContext } from '../spec-helpers.js';
import { BnnClassifierOptions } from './bnn-options.js';
import { bnnClassifierMethod } from './bnn-classifier.method.js';

describe('bnn prior independence (Plehn 2022: AUC flat for sigma_prior 0.1 ... 1000, broken at 0.01)', () => {
  it('AUC and the mean sigma_prob change by less than 10% for prior widths 1, 10, 100; a 0.01 prior breaks the fit', async () => {
    const { app, ctx } = await testContext(7);
    const train = twoClass2dToy.generate(6000, {}, new Rng(71));
    const test = twoClass2dToy.generate(6000, {}, new Rng(72));
    const results: Record<number, { auc: number; sigma: number }> = {};
    for (const priorSigma of [0.01, 1, 10, 100]) {
      const model = await bnnClassifierMethod.fit(train, BnnClassifierOptions.parse({ epochs: 30, lr: 1e-2, hidden: [32, 32], priorSigma }), ctx);
      const p = asClassification(await model.predict(test));
      results[priorSigma] = { auc: auc(p.prob, test.label!), sigma: meanWhere(p.sigmaProb) };
      model.dispose();
    }
    const wide = [1, 10, 100].map((s) => results[s]);
    // AUC from 6000 test events has a standard error ~0.005; the same events score every prior
    for (const r of wide) expect(Math.abs(r.auc - wide[0].auc)).toBeLessThan(0.01);
    const sigmas = wide.map((r) => r.sigma);
    expect(Math.max(...sigmas) / Math.min(...sigmas)).toBeLessThan(1.1);
    // where it breaks: a 0.01 prior pins the weights near 0, so the network can barely bend (measured
    // AUC 0.884 vs 0.922, i.e. 7 standard errors) and its posterior is the tiny prior (sigma_prob / 15)
    expect(results[0.01].auc).toBeLessThan(wide[0].auc - 0.02);
    expect(results[0.01].sigma).toBeLessThan(0.2 * wide[0].sigma);
    app.dispose();
  });
});
