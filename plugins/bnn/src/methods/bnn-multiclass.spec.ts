import * as tf from '@tensorflow/tfjs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Rng, type MulticlassPrediction, type Prediction } from '@hepuq/core';
import { threeClass2dToy } from '@hepuq/datasets';
import { builtinMetrics, computeMetrics } from '@hepuq/stats';
import { testContext } from '../spec-helpers.js';
import { BnnClassifierOptions, McDropoutClassifierOptions } from './bnn-options.js';
import { bnnClassifierMethod } from './bnn-classifier.method.js';
import { mcDropoutClassifierMethod } from './mc-dropout-classifier.method.js';

function asMulticlass(p: Prediction): MulticlassPrediction {
  if (p.kind !== 'multiclass') throw new Error(`expected a multiclass prediction, got ${p.kind}`);
  return p;
}

describe('K-class Bayesian classifiers (three-class-2d, exact class probabilities known)', () => {
  it('bnn-classifier: softmax head, classwise calibrated within errors, sigma_prob bounded per class, coherent replicas', async () => {
    const { app, ctx } = await testContext(8);
    const train = threeClass2dToy.generate(10_000, {}, new Rng(81));
    const test = threeClass2dToy.generate(10_000, {}, new Rng(82));
    const before = tf.memory().numTensors;
    const model = await bnnClassifierMethod.fit(train, BnnClassifierOptions.parse({ hidden: [32, 32] }), ctx);
    const p = asMulticlass(await model.predict(test, { replicas: 4 }));
    expect(p.classes).toEqual(['0', '1', '2']);
    let dev = 0;
    for (let i = 0; i < test.n; i++) {
      let total = 0;
      for (let k = 0; k < 3; k++) {
        const mu = p.probs[k][i];
        total += mu;
        dev += Math.abs(mu - test.extras[`true_prob_${k}`][i]);
        // Bhatia-Davis per class: the (1/R) spread of draws in [0, 1] with mean mu is at most sqrt(mu (1 - mu))
        expect(p.sigmaProbs[k][i] ** 2).toBeLessThanOrEqual(mu * (1 - mu) + 1e-7);
      }
      expect(Math.abs(total - 1)).toBeLessThan(1e-5);
      for (const rep of p.replicas!) expect(Math.abs(rep[0][i] + rep[1][i] + rep[2][i] - 1)).toBeLessThan(1e-5);
    }
    // measured 0.012 per class and event from 10k training events; 0.025 flags a broken fit
    expect(dev / (3 * test.n)).toBeLessThan(0.025);
    // chi2 of observed class frequencies against the mean predicted probability, 10 bins per class:
    // about chi2(30) when calibrated (measured ~22/30); p < 0.001 would say miscalibrated
    const m = computeMetrics(builtinMetrics(), { prediction: p, truth: test.label! }, ['classwise-calibration']);
    expect(m.calibration_p.value).toBeGreaterThan(1e-3);
    // the posterior has width: sigma_prob is not zero
    expect(p.sigmaProbs[0].reduce((a, b) => a + b, 0) / test.n).toBeGreaterThan(1e-3);

    // save and load give the same draws (the saved prediction seed) and the class names
    const dir = await mkdtemp(join(tmpdir(), 'hepuq-bnn-multiclass-'));
    try {
      await model.save(join(dir, 'model'));
      const loaded = await bnnClassifierMethod.load(join(dir, 'model'), ctx);
      const q = asMulticlass(await loaded.predict(test, { replicas: 4 }));
      loaded.dispose();
      for (let k = 0; k < 3; k++) expect(Array.from(q.probs[k])).toEqual(Array.from(p.probs[k]));
      expect(q.classes).toEqual(p.classes);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
    model.dispose();
    expect(tf.memory().numTensors).toBe(before);
    app.dispose();
  });

  it('mc-dropout-classifier: K classes with named classes and class balancing', async () => {
    const { app, ctx } = await testContext(9);
    const train = threeClass2dToy.generate(1500, {}, new Rng(91));
    const model = await mcDropoutClassifierMethod.fit(train, McDropoutClassifierOptions.parse({ hidden: [16], epochs: 3, classes: ['u', 'd', 's'], balance: true }), ctx);
    const p = asMulticlass(await model.predict(train, { replicas: 2 }));
    model.dispose();
    expect(p.classes).toEqual(['u', 'd', 's']);
    expect(p.replicas).toHaveLength(2);
    // dropout masks differ between draws
    expect(p.sigmaProbs[1].some((s) => s > 0)).toBe(true);
    app.dispose();
  });
});
