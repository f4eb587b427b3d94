import * as tf from '@tensorflow/tfjs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createHepuq, Dataset, Rng } from '@hepuq/core';
import { hetMlpMethod } from './het-mlp.method.js';

/** y = sin(2x) + N(0, s(x)^2) with s(x) = 0.05 + 0.1 |x|: known truth for calibration. */
function toy(n: number, seed: number): Dataset {
  const rng = new Rng(seed);
  const x = new Float32Array(n);
  const y = new Float32Array(n);
  const s = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    x[i] = -2 + 4 * rng.uniform();
    s[i] = 0.05 + 0.1 * Math.abs(x[i]);
    y[i] = Math.sin(2 * x[i]) + rng.normal(0, s[i]);
  }
  return new Dataset({ features: { x }, target: y, extras: { true_sigma: s }, source: 'toy' });
}

describe('het-mlp', () => {
  it('learns a calibrated heteroscedastic sigma and round-trips through save/load', async () => {
    const app = await createHepuq({ seed: 1 });
    const train = toy(8000, 1);
    const test = toy(4000, 2);
    const before = tf.memory().numTensors;
    const model = await hetMlpMethod.fit(train, hetMlpMethod.options.parse({ epochs: 25, hidden: [32, 32] }), { rng: app.rng, events: app.events });
    const pred = await model.predict(test);
    if (pred.kind !== 'regression') throw new Error('expected regression');
    let sumPull = 0;
    let sumPull2 = 0;
    let within = 0;
    for (let i = 0; i < test.n; i++) {
      const pull = (test.target![i] - pred.mean[i]) / pred.sigmaTot[i];
      sumPull += pull;
      sumPull2 += pull * pull;
      if (Math.abs(pull) < 1) within++;
    }
    const mean = sumPull / test.n;
    const std = Math.sqrt(sumPull2 / test.n - mean * mean);
    // 4000 test events: the std of a unit-normal sample has standard error 0.011; the network's own
    // approximation error adds a few percent, so we allow 0.85-1.15 here (the 2e4-event run is tighter).
    expect(std).toBeGreaterThan(0.85);
    expect(std).toBeLessThan(1.15);
    expect(Math.abs(mean)).toBeLessThan(0.1);
    expect(within / test.n).toBeGreaterThan(0.62);
    expect(within / test.n).toBeLessThan(0.74);
    expect(pred.sigmaStat.every((v) => v === 0)).toBe(true);

    const dir = await mkdtemp(join(tmpdir(), 'hetmlp-'));
    await model.save(join(dir, 'model'));
    const loaded = await hetMlpMethod.load(join(dir, 'model'), { rng: app.rng, events: app.events });
    const again = await loaded.predict(test);
    expect(again.kind === 'regression' && Array.from(again.mean)).toEqual(Array.from(pred.mean));
    model.dispose();
    loaded.dispose();
    expect(tf.memory().numTensors).toBe(before);
    await rm(dir, { recursive: true });
    app.dispose();
  });
});
