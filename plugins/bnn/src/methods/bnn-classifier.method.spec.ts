import { describe, expect, it } from 'vitest';
import { mlpClassifierMethod } from '@hepuq/nn';
import { Rng } from '@hepuq/core';
import { twoClass2dToy } from '@hepuq/datasets';
import { asClassification, auc, meanWhere, testContext } from '../spec-helpers.js';
import { BnnClassifierOptions } from './bnn-options.js';
import { bnnClassifierMethod } from './bnn-classifier.method.js';

describe('bnn-classifier (two-class-2d)', () => {
  it('matches the deterministic AUC within 0.01, obeys sigma^2 <= mu(1 - mu) event by event and shows the mu-sigma parabola', async () => {
    const { app, ctx } = await testContext(6);
    const train = twoClass2dToy.generate(10_000, {}, new Rng(61));
    const test = twoClass2dToy.generate(10_000, {}, new Rng(62));
    const det = await mlpClassifierMethod.fit(train, mlpClassifierMethod.options.parse({ epochs: 30, hidden: [32, 32] }), ctx);
    const bnnModel = await bnnClassifierMethod.fit(train, BnnClassifierOptions.parse({ epochs: 30, lr: 1e-2, hidden: [32, 32] }), ctx);
    const pd = asClassification(await det.predict(test));
    const pb = asClassification(await bnnModel.predict(test, { replicas: 10 }));
    const label = test.label!;
    // AUC from 10^4 events (5000 per class) has a standard error ~0.004, but both networks see the same
    // test events, so their difference scatters far less; the Bayes-optimal AUC here is ~0.92
    const aucDet = auc(pd.prob, label);
    const aucBnn = auc(pb.prob, label);
    expect(aucDet).toBeGreaterThan(0.9);
    expect(Math.abs(aucBnn - aucDet)).toBeLessThan(0.01);
    // Bhatia-Davis: the (1/R) variance of draws in [0, 1] with mean mu is at most mu(1 - mu); 1e-7
    // absorbs float32 rounding when mu(1 - mu) itself is ~1e-7
    for (let i = 0; i < test.n; i++) {
      const mu = pb.prob[i];
      expect(pb.sigmaProb[i] ** 2).toBeLessThanOrEqual(mu * (1 - mu) + 1e-7);
    }
    // mu-sigma parabola (Bollweg et al. 1904.10004): the spread is largest where mu ~ 1/2 and vanishes at 0 and 1
    const middle = meanWhere(pb.sigmaProb, (i) => Math.abs(pb.prob[i] - 0.5) < 0.1);
    const edges = meanWhere(pb.sigmaProb, (i) => pb.prob[i] < 0.03 || pb.prob[i] > 0.97);
    expect(middle).toBeGreaterThan(0);
    expect(edges).toBeLessThan(0.5 * middle);
    // the probability is calibrated: against the exact P(signal | x) the mean absolute error is a few percent
    expect(meanWhere(Float64Array.from(pb.prob, (p, i) => Math.abs(p - test.extras.true_prob[i])))).toBeLessThan(0.03);
    // replicas are coherent draws of the probability
    expect(pb.replicas).toHaveLength(10);
    expect(pb.replicas!.every((r) => r.every((p) => p >= 0 && p <= 1))).toBe(true);
    det.dispose();
    bnnModel.dispose();
    app.dispose();
  });
});
