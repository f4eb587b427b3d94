import * as tf from '@tensorflow/tfjs';
import { EventBus, Rng, selectBackend, type MulticlassPrediction, type UQMethod } from '@hepuq/core';
import { threeClass2dToy } from '@hepuq/datasets';
import { builtinMetrics, computeMetrics } from '@hepuq/stats';
import { beforeAll, describe, expect, it } from 'vitest';
import { bootstrapEnsembleClassifierMethod } from './bootstrap-ensemble.method.js';
import { deepEnsembleClassifierMethod } from './deep-ensemble.method.js';
import { repulsiveEnsembleClassifierMethod } from './repulsive-ensemble.method.js';

const OPTIONS = { members: 5, hidden: [32, 32], epochs: 20, batchSize: 128 };
const train = threeClass2dToy.generate(10_000, {}, new Rng(1));
const test = threeClass2dToy.generate(10_000, {}, new Rng(2));
const ctx = (seed: number) => ({ rng: new Rng(seed), events: new EventBus() });

/** Per-event checks every K-class ensemble prediction meets: probabilities sum to 1, moments of the members. */
function expectMemberMoments(p: MulticlassPrediction, n: number): void {
  for (let i = 0; i < n; i += 7) {
    let total = 0;
    for (let k = 0; k < p.classes.length; k++) {
      total += p.probs[k][i];
      const r = p.replicas!.map((rep) => rep[k][i]);
      const mean = r.reduce((a, b) => a + b, 0) / r.length;
      const sd = Math.sqrt(r.reduce((a, b) => a + (b - mean) ** 2, 0) / r.length);
      expect(Math.abs(p.probs[k][i] - mean)).toBeLessThan(1e-5);
      expect(Math.abs(p.sigmaProbs[k][i] - sd)).toBeLessThan(1e-4);
    }
    expect(Math.abs(total - 1)).toBeLessThan(1e-5);
    // every replica (member) is itself a distribution over the classes
    for (const rep of p.replicas!) expect(Math.abs(rep.reduce((a, col) => a + col[i], 0) - 1)).toBeLessThan(1e-5);
  }
}

describe('K-class ensembles on three-class-2d (exact class probabilities known)', () => {
  beforeAll(async () => {
    await selectBackend();
  });

  it('deep-ensemble-classifier: close to the Bayes-optimal probabilities and classwise calibrated within errors', async () => {
    const before = tf.memory().numTensors;
    const model = await deepEnsembleClassifierMethod.fit(train, deepEnsembleClassifierMethod.options.parse(OPTIONS), ctx(7));
    const p = (await model.predict(test, { replicas: 5 })) as MulticlassPrediction;
    model.dispose();
    expect(tf.memory().numTensors).toBe(before);
    expect(p.kind).toBe('multiclass');
    expect(p.classes).toEqual(['0', '1', '2']);
    expectMemberMoments(p, test.n);
    let dev = 0;
    for (let k = 0; k < 3; k++) for (let i = 0; i < test.n; i++) dev += Math.abs(p.probs[k][i] - test.extras[`true_prob_${k}`][i]);
    // measured 0.011 per class and event from 10k training events; 0.025 flags a broken fit
    expect(dev / (3 * test.n)).toBeLessThan(0.025);
    const m = computeMetrics(builtinMetrics(), { prediction: p, truth: test.label! }, ['classwise-calibration']);
    // calibrated: chi2 of the observed class frequencies against the mean predicted probability in 10
    // bins per class, about chi2(30) under calibration; p < 0.001 would say miscalibrated (measured chi2 ~ 37/30)
    expect(m.calibration_p.value).toBeGreaterThan(1e-3);
  });

  for (const method of [bootstrapEnsembleClassifierMethod, repulsiveEnsembleClassifierMethod] as UQMethod[]) {
    it(`${method.key}: trains softmax members on K classes`, async () => {
      const small = threeClass2dToy.generate(2000, {}, new Rng(3));
      const model = await method.fit(small, method.options.parse({ ...OPTIONS, members: 3, epochs: 5 }), ctx(8));
      const p = (await model.predict(test, { replicas: 3 })) as MulticlassPrediction;
      model.dispose();
      expect(p.kind).toBe('multiclass');
      expectMemberMoments(p, test.n);
      // the members differ (bootstrap resampling, repulsion): the spread is not zero
      expect(p.sigmaProbs[0].reduce((a, b) => a + b, 0) / test.n).toBeGreaterThan(1e-3);
    });
  }

  it('stacked and one-by-one training give the same K-class ensemble', async () => {
    const small = threeClass2dToy.generate(600, {}, new Rng(4));
    const options = { ...OPTIONS, members: 2, epochs: 2, hidden: [8] };
    const stacked = await deepEnsembleClassifierMethod.fit(small, deepEnsembleClassifierMethod.options.parse(options), ctx(9));
    const single = await deepEnsembleClassifierMethod.fit(small, deepEnsembleClassifierMethod.options.parse({ ...options, stacked: false }), ctx(9));
    const [a, b] = (await Promise.all([stacked.predict(small), single.predict(small)])) as MulticlassPrediction[];
    stacked.dispose();
    single.dispose();
    for (let k = 0; k < 3; k++) a.probs[k].forEach((v, i) => expect(Math.abs(v - b.probs[k][i])).toBeLessThan(1e-4));
  });

  it('names the classes from the `classes` option and rejects a label outside 0..K-1', async () => {
    const small = threeClass2dToy.generate(300, {}, new Rng(5));
    const model = await deepEnsembleClassifierMethod.fit(small, deepEnsembleClassifierMethod.options.parse({ ...OPTIONS, members: 2, epochs: 1, classes: ['a', 'b', 'c'] }), ctx(10));
    expect(((await model.predict(small)) as MulticlassPrediction).classes).toEqual(['a', 'b', 'c']);
    model.dispose();
    await expect(deepEnsembleClassifierMethod.fit(small, deepEnsembleClassifierMethod.options.parse({ ...OPTIONS, classes: 2 }), ctx(10)))
      .rejects.toMatchObject({ code: 'InvalidArgument', message: expect.stringContaining('expected an integer 0..1') });
  });
});
