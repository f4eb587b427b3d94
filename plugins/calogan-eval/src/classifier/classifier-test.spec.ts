import { createHepuq, EventBus, Rng } from '@hepuq/core';
import { nnPlugin } from '@hepuq/nn';
import { describe, expect, it } from 'vitest';
import { logisticMethod } from '../test-support/logistic-method.js';
import { gaussianSample, identityCov } from '../toys/gaussian-toys.js';
import { classifierTest, DEFAULT_CLASSIFIER } from './classifier-test.js';

const ctx = (seed: number) => ({ rng: new Rng(seed), events: new EventBus() });
// chi^2 with 9 degrees of freedom: 99.9% quantile 27.9
const CHI2_9_P999 = 27.9;

describe('classifierTest', () => {
  it('gives AUC ~ 0.5 and JSD ~ 0 within their errors for one distribution, and w ~ 1', async () => {
    const rng = new Rng(1);
    const a = gaussianSample(3000, [0, 0], identityCov(2), rng);
    const b = gaussianSample(3000, [0, 0], identityCov(2), rng);
    const r = await classifierTest(a, b, logisticMethod, { methodOptions: {} }, ctx(1));
    expect(Math.abs(r.auc.value - 0.5)).toBeLessThan(3 * r.auc.error);
    expect(Math.abs(r.jsd.value)).toBeLessThan(3 * r.jsd.error + 1e-3);
    // 1500 test events, w within a few % of 1: the mean is 1 to ~1%
    expect(Math.abs(r.weights.mean - 1)).toBeLessThan(0.02);
    expect(r.weights.clippedFraction).toBe(0);
  });

  it('separates a shifted generator and w reweights its marginals onto the reference', async () => {
    const rng = new Rng(2);
    const a = gaussianSample(4000, [0, 0], identityCov(2), rng);
    const b = gaussianSample(4000, [0.5, 0], [1.3, 0, 0, 1], rng);
    const r = await classifierTest(a, b, logisticMethod, {}, ctx(2));
    expect(r.auc.value).toBeGreaterThan(0.5 + 5 * r.auc.error);
    expect(r.jsd.value).toBeGreaterThan(5 * r.jsd.error);
    const x0 = r.reweighting.find((c) => c.feature === 'x0')!;
    expect(x0.ndf).toBe(9);
    expect(x0.chi2Before).toBeGreaterThan(100);
    // a calibrated w leaves chi^2 ~ chi^2_9 (sampling noise of the 2000-event test halves only)
    for (const c of r.reweighting) expect(c.chi2After).toBeLessThan(CHI2_9_P999);
    expect(r.regions[0].feature).toBe('x0');
    // tails of w: the quantiles spread well beyond 1 on both sides
    expect(r.weights.quantiles['0.01']).toBeLessThan(0.5);
    expect(r.weights.quantiles['0.99']).toBeGreaterThan(1.5);
  });

  it('propagates the classifier uncertainty of an ensemble (replicas) into AUC, JSD and w', async () => {
    const rng = new Rng(3);
    const a = gaussianSample(1000, [0, 0], identityCov(2), rng);
    const b = gaussianSample(1000, [0.3, 0], identityCov(2), rng);
    const r = await classifierTest(a, b, logisticMethod, { methodOptions: { replicas: 8 } }, ctx(3));
    expect(r.auc.modelError).toBeGreaterThan(0);
    expect(r.auc.error).toBeGreaterThan(r.auc.statError);
    expect(r.weights.meanRelativeSigma).toBeGreaterThan(0);
  });

  it('runs the registry default classifier (mlp-classifier)', async () => {
    const app = await createHepuq({ seed: 4, plugins: [nnPlugin()] });
    try {
      expect(app.registries.methods.has(DEFAULT_CLASSIFIER)).toBe(true);
      const method = app.registries.methods.get(DEFAULT_CLASSIFIER);
      const rng = new Rng(4);
      const a = gaussianSample(1500, [0, 0], identityCov(2), rng);
      const b = gaussianSample(1500, [1, 0], identityCov(2), rng);
      const r = await classifierTest(a, b, method, { methodOptions: { hidden: [16], epochs: 15, batchSize: 128, lr: 3e-3 } }, { rng: app.rng, events: app.events });
      // a 1 sigma shift: the optimal AUC is Phi(1/sqrt 2) = 0.76; a small MLP gets close
      expect(r.auc.value).toBeGreaterThan(0.65);
      const x0 = r.reweighting.find((c) => c.feature === 'x0')!;
      expect(x0.chi2After).toBeLessThan(x0.chi2Before / 5);
    } finally {
      app.dispose();
    }
  });
});
