import * as tf from '@tensorflow/tfjs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHepuq, Dataset, EventBus, HepuqError, Rng, selectBackend, type HepuqApp } from '@hepuq/core';
import { twoClass2dToy } from '@hepuq/datasets';
import { mlpClassifierMethod, MlpClassifierOptions, nnPlugin } from '@hepuq/nn';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cwola } from '../cwola.plugin.js';
import { weightedAuc } from './cwola-diagnostics.js';
import { CwolaOptions } from './cwola.options.js';
import { mixedSamples } from './mixed-samples.js';

const CLASSIFIER = { use: 'mlp-classifier', options: { hidden: [32, 32], epochs: 10, batchSize: 256 } };

/** two-class-2d events split into two mixed samples: P(sample 1 | signal) = 0.75, P(sample 1 | background) = 0.25, so f1 = 0.75, f0 = 0.25. */
function mixedToy(n: number, seed: number): Dataset {
  const rng = new Rng(seed);
  const data = twoClass2dToy.generate(n, {}, rng.fork('toy'));
  const sample = Float32Array.from(data.label!, (y) => (rng.uniform() < (y === 1 ? 0.75 : 0.25) ? 1 : 0));
  return new Dataset({ features: data.features, label: sample, labelName: 'sample', extras: { ...data.extras, is_signal: data.label! }, source: 'mixed two-class-2d' });
}

describe('cwola method', () => {
  let app: HepuqApp;
  beforeAll(async () => {
    await selectBackend();
    app = await createHepuq({ plugins: [nnPlugin(), cwola()] });
  });
  afterAll(() => app.dispose());

  it('trained on mixed samples only, it separates signal from background as well as a supervised classifier (20,000 events)', async () => {
    const tensors = tf.memory().numTensors;
    const method = app.registries.methods.get('cwola');
    const train = mixedToy(20_000, 1);
    const test = mixedToy(20_000, 2);
    const model = await method.fit(train, CwolaOptions.parse({ classifier: CLASSIFIER, truth: 'is_signal' }), { rng: new Rng(3), events: new EventBus(), methods: app.registries.methods });
    const supervisedTrain = new Dataset({ features: train.features, label: train.extras.is_signal, source: 'supervised' });
    const supervised = await mlpClassifierMethod.fit(supervisedTrain, MlpClassifierOptions.parse(CLASSIFIER.options), { rng: new Rng(3), events: new EventBus(), methods: app.registries.methods });
    try {
      const p = await model.predict(test);
      const d = (await model.diagnostics!(test, p)) as Record<string, { value: number; error: number }>;
      const sup = await supervised.predict(test);
      const supAuc = weightedAuc(sup.kind === 'classification' ? sup.prob : new Float32Array(), test.extras.is_signal, test.weights);
      // Bayes-optimal signal AUC of two-class-2d (separation 2, width 1): Phi(2 / sqrt 2) = 0.921; AUC errors on
      // 20,000 test events are ~0.002, so "within errors" is 3 combined standard errors (conservative: both
      // AUCs are measured on the same events, their difference fluctuates less)
      expect(Math.abs(d.signal_auc.value - supAuc.value)).toBeLessThan(3 * Math.hypot(d.signal_auc.error, supAuc.error!));
      expect(d.signal_auc.value).toBeGreaterThan(0.91);
      // the CWoLa identity: mixed AUC = 1/2 + (f1 - f0)(signal AUC - 1/2) = 0.5 + 0.5 * 0.42 = 0.71
      expect(Math.abs(d.mixed_auc.value - d.predicted_mixed_auc.value)).toBeLessThan(4 * Math.hypot(d.mixed_auc.error, d.predicted_mixed_auc.error));
      expect(Math.abs(d.signal_fraction_1.value - 0.75)).toBeLessThan(4 * d.signal_fraction_1.error);
    } finally {
      model.dispose();
      supervised.dispose();
    }
    expect(tf.memory().numTensors).toBe(tensors);
  });

  it('saves and loads: the same scores from the loaded model', async () => {
    const method = app.registries.methods.get('cwola');
    const data = mixedToy(600, 5);
    const model = await method.fit(data, CwolaOptions.parse({ classifier: { use: 'mlp-classifier', options: { hidden: [8], epochs: 1 } } }), { rng: new Rng(1), events: new EventBus(), methods: app.registries.methods });
    const dir = await mkdtemp(join(tmpdir(), 'cwola-model-'));
    try {
      await model.save(join(dir, 'model'));
      const loaded = await method.load(join(dir, 'model'), { rng: new Rng(1), events: new EventBus(), methods: app.registries.methods });
      const [a, b] = [await model.predict(data), await loaded.predict(data)];
      expect(b.kind === 'classification' && a.kind === 'classification' && Array.from(b.prob)).toEqual(a.kind === 'classification' && Array.from(a.prob));
      loaded.dispose();
    } finally {
      model.dispose();
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('refuses a truth column among the inputs, a missing truth column, a regression classifier and one-sample data', async () => {
    const method = app.registries.methods.get('cwola');
    const ctx = { rng: new Rng(1), events: new EventBus(), methods: app.registries.methods };
    const data = mixedToy(200, 6);
    const leaky = new Dataset({ features: { ...data.features, is_signal: data.extras.is_signal }, label: data.label, source: 'leaky' });
    await expect(method.fit(leaky, CwolaOptions.parse({ truth: 'is_signal' }), ctx)).rejects.toThrow(/is a feature of leaky/);
    await expect(method.fit(data, CwolaOptions.parse({ truth: 'nope' }), ctx)).rejects.toThrow(/no column "nope"/);
    await expect(method.fit(data, CwolaOptions.parse({ classifier: { use: 'het-mlp' } }), ctx)).rejects.toThrow(/regression method/);
    const one = new Dataset({ features: data.features, label: new Float32Array(data.n), source: 'one sample' });
    await expect(method.fit(one, CwolaOptions.parse({}), ctx)).rejects.toBeInstanceOf(HepuqError);
  });

  it('mixedSamples labels two files 0 and 1 and keeps their weights', () => {
    const a = new Dataset({ features: { x: Float32Array.of(1, 2) }, weights: Float32Array.of(0.5, 2), source: 'a' });
    const b = new Dataset({ features: { x: Float32Array.of(3) }, source: 'b' });
    const m = mixedSamples(a, b);
    expect(Array.from(m.label!)).toEqual([0, 0, 1]);
    expect(Array.from(m.weights)).toEqual([0.5, 2, 1]);
    expect(() => mixedSamples(a, new Dataset({ features: { y: Float32Array.of(1) } }))).toThrow(/same features/);
  });
});
