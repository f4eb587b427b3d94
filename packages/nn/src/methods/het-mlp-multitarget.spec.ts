import * as tf from '@tensorflow/tfjs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createHepuq, Dataset, HepuqError, Rng, type RegressionPrediction } from '@hepuq/core';
import { hetMlpMethod } from './het-mlp.method.js';
import { diagGaussianNll, hetGaussianNll } from '../loss/het-gaussian-nll.loss.js';
import { softBound } from '../loss/log-sigma-bound.js';

/** Two targets on x ~ U(-2, 2): a = sin 2x + N(0, 0.05 + 0.1|x|), b = 100 + 20 x^2 + N(0, 3): different scales and noise. */
function toy(n: number, seed: number): Dataset {
  const rng = new Rng(seed);
  const x = new Float32Array(n);
  const a = new Float32Array(n);
  const b = new Float32Array(n);
  const sa = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    x[i] = -2 + 4 * rng.uniform();
    sa[i] = 0.05 + 0.1 * Math.abs(x[i]);
    a[i] = Math.sin(2 * x[i]) + rng.normal(0, sa[i]);
    b[i] = 100 + 20 * x[i] ** 2 + rng.normal(0, 3);
  }
  return new Dataset({ features: { x }, targets: [{ name: 'a', values: a }, { name: 'b', values: b }], extras: { true_sigma_a: sa }, source: 'two-target toy' });
}

function pullStd(y: Float32Array, p: { mean: Float32Array; sigmaTot: Float32Array }): number {
  let s = 0;
  let s2 = 0;
  for (let i = 0; i < y.length; i++) {
    const pull = (y[i] - p.mean[i]) / p.sigmaTot[i];
    s += pull;
    s2 += pull * pull;
  }
  const m = s / y.length;
  return Math.sqrt(s2 / y.length - m * m);
}

describe('het-mlp on several targets', () => {
  it('the diagonal Gaussian NLL is the sum over targets of the one-target NLL', () => {
    tf.tidy(() => {
      const y = tf.tensor2d([[0.3, -1], [2, 0.5], [0, 0]]);
      const mu = tf.tensor2d([[0, -0.5], [1.5, 1], [0.2, 0.01]]);
      const ls = softBound(tf.tensor2d([[-0.2, 0.1], [0.4, -1], [9, -20]]));
      const w = tf.tensor2d([[1], [0.5], [2]]);
      const sum = [0, 1].reduce((acc, t) => acc + hetGaussianNll(y.slice([0, t], [-1, 1]), mu.slice([0, t], [-1, 1]), ls.slice([0, t], [-1, 1]), w).dataSync()[0], 0);
      // the entries bounded from raw log sigma 9 and -20 included
      expect(diagGaussianNll(y, mu, ls, w).dataSync()[0]).toBeCloseTo(sum, 4);
    });
  });

  it('predicts every target with its own calibrated sigma, in its own units, and round-trips', async () => {
    const app = await createHepuq({ seed: 3 });
    const train = toy(8000, 1);
    const test = toy(4000, 2);
    const before = tf.memory().numTensors;
    const model = await hetMlpMethod.fit(train, hetMlpMethod.options.parse({ epochs: 25, hidden: [32, 32] }), { rng: app.rng, events: app.events });
    const pred = (await model.predict(test)) as RegressionPrediction;
    expect(pred.targets?.map((t) => t.name)).toEqual(['a', 'b']);
    const [a, b] = pred.targets!;
    expect(pred.mean).toBe(a.mean);
    // 4000 events: a unit-normal std has standard error 0.011; the fit's own error adds a few percent
    for (const [t, col] of [[a, test.targets[0].values], [b, test.targets[1].values]] as const) {
      expect(pullStd(col, t), t.name).toBeGreaterThan(0.85);
      expect(pullStd(col, t), t.name).toBeLessThan(1.15);
      expect(t.sigmaStat.every((v) => v === 0)).toBe(true);
    }
    // b's sigma is 3 in its own units (b's std over the sample is ~24, a's ~0.7): the scales are per
    // target. After 25 epochs the learned sigma also absorbs some misfit of the mean (~3.5 measured)
    const meanSigmaB = b.sigmaSyst.reduce((s, v) => s + v, 0) / test.n;
    expect(meanSigmaB).toBeGreaterThan(2.5);
    expect(meanSigmaB).toBeLessThan(4);
    // a's sigma follows 0.05 + 0.1|x|: at |x| > 1.5 it is more than twice as wide as at |x| < 0.5
    const x = test.features.x;
    const avg = (keep: (v: number) => boolean) => {
      const rows = [...x.keys()].filter((i) => keep(x[i]));
      return rows.reduce((s, i) => s + a.sigmaSyst[i], 0) / rows.length;
    };
    expect(avg((v) => Math.abs(v) > 1.5) / avg((v) => Math.abs(v) < 0.5)).toBeGreaterThan(2);

    const dir = await mkdtemp(join(tmpdir(), 'hetmlp-targets-'));
    await model.save(join(dir, 'model'));
    const saved = JSON.parse(await readFile(join(dir, 'model', 'model.json'), 'utf8'));
    expect(JSON.stringify(saved)).toContain('"targets"');
    const loaded = await hetMlpMethod.load(join(dir, 'model'), { rng: app.rng, events: app.events });
    const again = (await loaded.predict(test)) as RegressionPrediction;
    expect(Array.from(again.targets![1].mean)).toEqual(Array.from(b.mean));
    expect(Array.from(again.targets![1].sigmaTot)).toEqual(Array.from(b.sigmaTot));
    const graph = loaded.graph!();
    expect(graph.outputs.find((o) => o.name === 'mean')?.shape).toEqual(['events', 2]);
    expect(graph.metadata?.targets).toBe('a, b');
    model.dispose();
    loaded.dispose();
    expect(tf.memory().numTensors).toBe(before);
    await rm(dir, { recursive: true });
  });

  it('one target given as `targets` trains exactly as `target`', async () => {
    const data = toy(600, 4);
    const one = new Dataset({ features: data.features, target: data.targets[1].values, targetName: 'b' });
    const listed = new Dataset({ features: data.features, targets: [data.targets[1]] });
    const options = hetMlpMethod.options.parse({ epochs: 2, hidden: [8] });
    const fit = async (d: Dataset) => {
      const app = await createHepuq({ seed: 5 });
      const model = await hetMlpMethod.fit(d, options, { rng: app.rng, events: app.events });
      const p = (await model.predict(data)) as RegressionPrediction;
      model.dispose();
      return p;
    };
    const [p, q] = [await fit(one), await fit(listed)];
    expect(q.targets).toBeUndefined();
    expect(Array.from(q.mean)).toEqual(Array.from(p.mean));
    expect(Array.from(q.sigmaTot)).toEqual(Array.from(p.sigmaTot));
  });

  it('a dataset refuses duplicate target names and target plus targets', () => {
    const x = Float32Array.of(1, 2);
    expect(() => new Dataset({ features: { x }, targets: [{ name: 'a', values: x }, { name: 'a', values: x }] })).toThrow(HepuqError);
    expect(() => new Dataset({ features: { x }, target: x, targets: [{ name: 'a', values: x }] })).toThrow(/either/);
  });
});
