import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { Dataset, EventBus, Rng } from '@hepuq/core';
import { mlpClassifierMethod } from './mlp-classifier.method.js';

/** Two Gaussian classes in x (means -1 and +1). */
function classes(n: number, seed: number, feature = 'x'): Dataset {
  const rng = new Rng(seed);
  const label = Float32Array.from({ length: n }, (_, i) => i % 2);
  const x = Float32Array.from(label, (l) => rng.normal(l ? 1 : -1, 1));
  return new Dataset({ features: { [feature]: x }, label, source: `classes-${seed}` });
}

const ctx = (seed: number) => ({ rng: new Rng(seed), events: new EventBus() });

describe('mlp-classifier warm start', () => {
  it('continues from the earlier fit: with a vanishing learning rate the predictions stay those of the earlier model', async () => {
    const data = classes(2000, 1);
    const options = mlpClassifierMethod.options.parse({ hidden: [8], epochs: 3 });
    const first = await mlpClassifierMethod.fit(data, options, ctx(2));
    const before = tf.memory().numTensors;
    const warm = await mlpClassifierMethod.fit(data, { ...options, epochs: 1, lr: 1e-12 }, { ...ctx(3), warmStart: first });
    const fresh = await mlpClassifierMethod.fit(data, { ...options, epochs: 1, lr: 1e-12 }, ctx(3));
    const [p0, pw, pf] = await Promise.all([first, warm, fresh].map(async (m) => ((await m.predict(data)) as { prob: Float32Array }).prob));
    const maxDiff = (a: Float32Array, b: Float32Array) => a.reduce((m, v, i) => Math.max(m, Math.abs(v - b[i])), 0);
    expect(maxDiff(pw, p0)).toBeLessThan(1e-5);
    expect(maxDiff(pf, p0)).toBeGreaterThan(1e-2);
    // the warm model owns a copy: disposing the earlier one leaves it working
    first.dispose();
    expect(((await warm.predict(data)) as { prob: Float32Array }).prob).toEqual(pw);
    warm.dispose();
    fresh.dispose();
    expect(tf.memory().numTensors).toBeLessThanOrEqual(before);
  });

  it('rejects a warm start from a model of other features', async () => {
    const options = mlpClassifierMethod.options.parse({ hidden: [4], epochs: 1 });
    const first = await mlpClassifierMethod.fit(classes(200, 1), options, ctx(1));
    await expect(mlpClassifierMethod.fit(classes(200, 2, 'y'), options, { ...ctx(2), warmStart: first })).rejects.toMatchObject({ code: 'ShapeMismatch' });
    first.dispose();
  });
});
