import * as tf from '@tensorflow/tfjs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createHepuq, Dataset, HepuqError, Rng } from '@hepuq/core';
import { LOG_SIGMA_MAX, LOG_SIGMA_MIN, softBound } from '../loss/log-sigma-bound.js';
import { savedLogSigmaBound } from '../targets/regression-targets.js';
import { hetMlpMethod } from './het-mlp.method.js';

function toy(n: number, seed: number): Dataset {
  const rng = new Rng(seed);
  const x = Float32Array.from({ length: n }, () => rng.uniform());
  return new Dataset({ features: { x }, target: Float32Array.from(x, (v) => v + 0.05 * rng.normal()), source: 'toy' });
}

describe('models saved before the soft log sigma bound', () => {
  it('savedLogSigmaBound: soft when recorded, the hard clip when absent, ModelLoadFailed otherwise', () => {
    const base = { targetName: 'y', targetMean: 0, targetStd: 1 };
    expect(savedLogSigmaBound({ ...base, logSigmaBound: 'soft' }, 'd')).toBe('soft');
    expect(savedLogSigmaBound(base, 'd')).toBe('clip');
    expect(() => savedLogSigmaBound({ ...base, logSigmaBound: 'tanh' as 'soft' }, 'd')).toThrow(HepuqError);
  });

  it('a het-mlp saved without logSigmaBound predicts with the hard clip it was trained with; its graph clips too', async () => {
    const app = await createHepuq({ seed: 1 });
    const dir = await mkdtemp(join(tmpdir(), 'hepuq-legacy-bound-'));
    try {
      const train = toy(600, 1);
      const model = await hetMlpMethod.fit(train, hetMlpMethod.options.parse({ epochs: 2, hidden: [8] }), { rng: app.rng, events: app.events });
      await model.save(join(dir, 'soft'));
      const json = JSON.parse(await readFile(join(dir, 'soft', 'model.json'), 'utf8')) as { spec: Record<string, unknown> };
      expect(json.spec.logSigmaBound).toBe('soft');
      // the same file as an older hepuq wrote it: no logSigmaBound
      delete json.spec.logSigmaBound;
      await rm(join(dir, 'soft', 'model.json'));
      await writeFile(join(dir, 'soft', 'model.json'), JSON.stringify(json));
      const legacy = await hetMlpMethod.load(join(dir, 'soft'), { rng: app.rng, events: app.events });
      const test = toy(200, 2);
      const [a, b] = [await model.predict(test), await legacy.predict(test)];
      if (a.kind !== 'regression' || b.kind !== 'regression') throw new Error('expected regression');
      expect(b.mean).toEqual(a.mean);
      // per event: sigma_legacy / sigma_soft = exp(clip(x) - b(x)) for the raw output x of the network
      const raw = (model as unknown as { network(): { evaluate(d: Dataset, h: (o: tf.Tensor2D) => Record<string, tf.Tensor>): Record<string, Float32Array> } })
        .network().evaluate(test, (o) => ({ x: o.slice([0, 1], [-1, 1]).reshape([-1]) })).x;
      const expected = tf.tidy(() => {
        const x = tf.tensor1d(raw);
        return tf.exp(tf.sub(tf.clipByValue(x, LOG_SIGMA_MIN, LOG_SIGMA_MAX), softBound(x))).dataSync();
      });
      for (let i = 0; i < test.n; i++) expect(b.sigmaSyst[i] / a.sigmaSyst[i]).toBeCloseTo(expected[i], 5);
      expect(legacy.graph!().nodes.some((n) => n.op === 'Clip')).toBe(true);
      expect(model.graph!().nodes.some((n) => n.op === 'Softplus')).toBe(true);
      model.dispose();
      legacy.dispose();
    } finally {
      app.dispose();
      await rm(dir, { recursive: true, force: true });
    }
  });
});
