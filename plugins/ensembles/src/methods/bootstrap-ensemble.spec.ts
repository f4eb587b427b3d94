import * as tf from '@tensorflow/tfjs';
import { EventBus, Rng, selectBackend, type RegressionPrediction } from '@hepuq/core';
import { heteroscedastic1dToy } from '@hepuq/datasets';
import { beforeAll, describe, expect, it } from 'vitest';
import { average } from '../test-support/calibration.js';
import { bootstrapEnsembleMethod } from './bootstrap-ensemble.method.js';

const TOY = { xmin: -2, xmax: 2 };
const OPTIONS = { members: 5, hidden: [32, 32], epochs: 20, batchSize: 128, lr: 0.01, lrFinal: 0.02 };
const test = heteroscedastic1dToy.generate(2000, TOY, new Rng(2));

async function predict(nTrain: number, options: Record<string, unknown>): Promise<RegressionPrediction> {
  const train = heteroscedastic1dToy.generate(nTrain, TOY, new Rng(1));
  const model = await bootstrapEnsembleMethod.fit(train, bootstrapEnsembleMethod.options.parse(options), { rng: new Rng(7), events: new EventBus() });
  const p = await model.predict(test, { replicas: options.members as number });
  model.dispose();
  if (p.kind !== 'regression') throw new Error('expected a regression prediction');
  return p;
}

describe('bootstrap ensemble', () => {
  beforeAll(async () => {
    await selectBackend();
  });

  it('sigma_stat shrinks with the training-set size', async () => {
    const [small, medium, large] = [await predict(500, OPTIONS), await predict(1500, OPTIONS), await predict(4500, OPTIONS)];
    const stat = [small, medium, large].map((p) => average(p.sigmaStat));
    // A fit of fixed complexity has sigma_stat ~ 1/sqrt(N): a factor sqrt(9) = 3 from 500 to 4500 events. A
    // flexible network resolves more structure with more data, so less is expected (measured ~1.7 for 8x);
    // > 1.4 is far from "no shrinkage" (1), each step must go down.
    expect(stat[1]).toBeLessThan(stat[0]);
    expect(stat[2]).toBeLessThan(stat[1]);
    expect(stat[0] / stat[2]).toBeGreaterThan(1.4);
  });

  it('has exactly zero spread with a fixed init and no resampling: the bootstrap is the only source', async () => {
    const before = tf.memory().numTensors;
    const p = await predict(500, { ...OPTIONS, epochs: 3, resample: false });
    // identical members: same init, same batches, same weights -> bitwise the same network
    p.replicas!.slice(1).forEach((r) => expect(Array.from(r)).toEqual(Array.from(p.replicas![0])));
    // sigma_stat from identical members: only the float32 rounding of their mean (~1e-7 relative) remains
    expect(Math.max(...p.sigmaStat)).toBeLessThan(1e-6);
    // and each ingredient alone makes the spread non-zero
    const resampled = await predict(500, { ...OPTIONS, epochs: 3 });
    const initOnly = await predict(500, { ...OPTIONS, epochs: 3, resample: false, varyInit: true });
    expect(average(resampled.sigmaStat)).toBeGreaterThan(1e-3);
    expect(average(initOnly.sigmaStat)).toBeGreaterThan(1e-3);
    expect(tf.memory().numTensors - before).toBe(0);
  });
});
