import * as tf from '@tensorflow/tfjs';
import { createHepuq, Dataset, Rng, type UQMethod } from '@hepuq/core';
import { hetMlpMethod } from '@hepuq/nn';
import { bnnMethod } from '@hepuq/plugin-bnn';
import { deepEnsembleMethod } from '@hepuq/plugin-ensembles';
import { describe, expect, it } from 'vitest';

/** y = x^2 + N(0, 0.1^2), a few events: the cycles test the bookkeeping, not the fit. */
function toy(n: number, seed: number): Dataset {
  const rng = new Rng(seed);
  const x = Float32Array.from({ length: n }, () => rng.uniform() * 2 - 1);
  return new Dataset({ features: { x }, target: Float32Array.from(x, (v) => v * v + rng.normal(0, 0.1)), source: 'toy' });
}

const CYCLES = 100;

const cases: { name: string; method: UQMethod; options: Record<string, unknown> }[] = [
  { name: 'het-mlp', method: hetMlpMethod, options: { epochs: 1, hidden: [16, 16], batchSize: 64 } },
  { name: 'bnn (local reparameterisation)', method: bnnMethod, options: { epochs: 1, hidden: [16, 16], batchSize: 64, draws: 8 } },
  { name: 'deep-ensemble (stacked, 4 members)', method: deepEnsembleMethod, options: { members: 4, epochs: 1, hidden: [16, 16], batchSize: 64 } },
];

// The leak check: repeated fit/predict/dispose cycles on the embedded backend leave no
// tensor behind and the backend's bytes where they were (a leak of one small tensor per cycle shows
// as 100 tensors).
describe(`${CYCLES} fit/predict cycles leave no tensor behind`, () => {
  for (const c of cases) {
    it(c.name, async () => {
      const app = await createHepuq({ seed: 3 });
      const train = toy(128, 1);
      const test = toy(256, 2);
      const options = c.method.options.parse(c.options);
      const cycle = async () => {
        const model = await c.method.fit(train, options, { rng: app.rng, events: app.events });
        const pred = await model.predict(test);
        expect(pred.kind).toBe('regression');
        model.dispose();
      };
      await cycle(); // first use registers kernels and caches constants
      const before = tf.memory();
      for (let i = 0; i < CYCLES; i++) await cycle();
      const after = tf.memory();
      expect(after.numTensors, 'tensors after the cycles').toBe(before.numTensors);
      expect(after.numBytes, 'bytes held by tensors after the cycles').toBe(before.numBytes);
    }, 300_000);
  }
});
