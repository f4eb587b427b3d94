import * as tf from '@tensorflow/tfjs';
import { selectBackend, EventBus, Rng, type FittedModel } from '@hepuq/core';
import { aware2dAuc, aware2dToy } from '@hepuq/datasets';
import { mlpClassifierMethod, MlpClassifierOptions } from '@hepuq/nn';
import { aucMetric } from '@hepuq/stats';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { awareClassifierMethod } from './aware-classifier.method.js';
import { AwareClassifierOptions } from './aware-classifier.options.js';
import { isNuisanceAwareModel } from './nuisance-aware-model.js';

// the wasm backend, as the CLI runs (tfjs alone would default to its pure-JS cpu backend)
beforeAll(() => selectBackend());

const Z0 = Math.PI / 4;
const Z_VALUES = [Z0 - 1, Z0 - 0.5, Z0, Z0 + 0.5, Z0 + 1];
const TRAIN = { hidden: [32, 32], epochs: 15, batchSize: 256 };

async function aucAt(model: FittedModel, z: number, seed: number) {
  const test = aware2dToy.generate(6000, { z }, new Rng(seed));
  const p = await model.predict(test);
  return aucMetric.compute({ prediction: p, truth: test.label!, weights: test.weights }).values.auc;
}

describe('aware-2d: the aware classifier against the nominal one (Ghosh, Nachman, Whiteson 2105.08742)', () => {
  let aware: FittedModel;
  let nominal: FittedModel;
  let tensors: number;
  beforeAll(async () => {
    tensors = tf.memory().numTensors;
    const ctx = { rng: new Rng(5), events: new EventBus() };
    aware = await awareClassifierMethod.fit(aware2dToy.generate(20_000, {}, new Rng(1)), AwareClassifierOptions.parse(TRAIN), ctx);
    nominal = await mlpClassifierMethod.fit(aware2dToy.generate(20_000, { z: Z0 }, new Rng(2)), MlpClassifierOptions.parse(TRAIN), ctx);
  }, 120_000);
  afterAll(() => {
    aware.dispose();
    nominal.dispose();
    expect(tf.memory().numTensors).toBe(tensors);
  });

  it('records the Z prior it was trained over and evaluates at a hypothesised Z', async () => {
    expect(isNuisanceAwareModel(aware)).toBe(true);
    if (!isNuisanceAwareModel(aware)) return;
    // 20,000 draws of N(pi/4, 0.5): mean error 0.0035, std error 0.0025
    expect(aware.prior.mean).toBeCloseTo(Z0, 1);
    expect(Math.abs(aware.prior.std - 0.5)).toBeLessThan(0.02);
    const data = aware2dToy.generate(10, { z: Z0 }, new Rng(9));
    expect((await aware.probAt(data, Z0)).length).toBe(10);
  });

  // AUC errors on 6,000 test events are ~0.002; a trained network may fall short of the Bayes optimum
  // by ~0.002 more, so the allowance is 3 sigma + 0.003. Two prior sigmas out (z0 -/+ 1) only ~2% of the
  // training events are left and the aware network is measurably short of optimal (0.0085 at z0 - 1
  // with seed 5): there it is held to 0.015.
  for (const [i, z] of Z_VALUES.entries()) {
    const tail = Math.abs(z - Z0) > 0.75;
    it(`at z = ${z.toFixed(2)} the nominal classifier follows the analytic AUC and the aware one stays ${tail ? 'near-' : ''}optimal`, async () => {
      const fromNominal = await aucAt(nominal, z, 100 + i);
      const fromAware = await aucAt(aware, z, 100 + i);
      expect(Math.abs(fromNominal.value - aware2dAuc(z, Z0)), 'nominal').toBeLessThan(3 * fromNominal.error! + 0.003);
      expect(Math.abs(fromAware.value - aware2dAuc(z, z)), 'aware').toBeLessThan(tail ? 0.015 : 3 * fromAware.error! + 0.003);
      // the point of awareness: away from the nominal Z it beats the frozen classifier
      if (Math.abs(z - Z0) > 0.25) expect(fromAware.value).toBeGreaterThan(fromNominal.value + 2 * Math.hypot(fromAware.error!, fromNominal.error!));
    });
  }
});
