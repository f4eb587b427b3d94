import * as tf from '@tensorflow/tfjs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Dataset, EventBus, Rng, type MulticlassPrediction } from '@hepuq/core';
import { weightedSoftmaxCe } from '../loss/weighted-softmax-ce.loss.js';
import { mlpClassifierMethod } from '../methods/mlp-classifier.method.js';
import { balancedWeights, classLabels } from './class-labels.js';
import { multiclassMoments, multiclassPrediction } from './multiclass-moments.js';

const labelled = (label: number[]) => new Dataset({ features: { x: Float32Array.from(label, (_, i) => i) }, label: Float32Array.from(label), source: 'labels' });

/** Three classes in x: Gaussian means -2, 0, +2, labels 0, 1, 2 in turn. */
function threeClasses(n: number, seed: number): Dataset {
  const rng = new Rng(seed);
  const label = Float32Array.from({ length: n }, (_, i) => i % 3);
  const x = Float32Array.from(label, (k) => rng.normal(2 * k - 2, 1));
  return new Dataset({ features: { x }, label, source: `three-classes-${seed}` });
}

describe('class labels', () => {
  it('infers K from the largest label, or takes the number or names given', () => {
    expect(classLabels(labelled([0, 2, 1, 0])).classes).toEqual(['0', '1', '2']);
    expect(classLabels(labelled([0, 1, 1])).classes).toEqual(['0', '1']);
    expect(classLabels(labelled([0, 0])).classes).toEqual(['0', '1']);
    expect(classLabels(labelled([0, 1, 3, 2]), 4).classes).toEqual(['0', '1', '2', '3']);
    expect(classLabels(labelled([0, 1, 2]), ['q', 'g', 't']).classes).toEqual(['q', 'g', 't']);
  });

  it('rejects labels that are not class indices, with the row and the expected range', () => {
    expect(() => classLabels(labelled([0, 1.5]))).toThrow(/row 2.* is 1\.5, expected an integer/);
    expect(() => classLabels(labelled([0, -1]))).toThrow(/is -1/);
    expect(() => classLabels(labelled([0, 3]), 3)).toThrow(/is 3, expected an integer 0\.\.2 \(3 classes\)/);
    expect(() => classLabels(labelled([0, 1]), ['a', 'a'])).toThrow(/must differ/);
    // a declared (or implied) class without events: a softmax head cannot learn it, and a 0/1 task must not turn K-class
    expect(() => classLabels(labelled([0, 1, 1]), 3)).toThrow(/class 2 \("2"\) of 3 has no events/);
    expect(() => classLabels(labelled([0, 2, 2]), ['a', 'b', 'c'])).toThrow(/class 1 \("b"\) of 3 has no events/);
    expect(() => classLabels(new Dataset({ features: { x: new Float32Array(2) }, source: 'none' }))).toThrow(expect.objectContaining({ code: 'MissingColumn' }));
  });

  it('balances K classes to equal total weight', () => {
    const w = balancedWeights(Float32Array.of(1, 1, 2, 4), Float32Array.of(0, 0, 1, 2), 3);
    const sums = [w[0] + w[1], w[2], w[3]];
    for (const s of sums) expect(s).toBeCloseTo(8 / 3, 5);
    expect(() => balancedWeights(Float32Array.of(1, 1), Float32Array.of(0, 2), 3)).toThrow(/class 1 has 0/);
  });
});

describe('weighted softmax cross-entropy', () => {
  it('is the weighted mean of -log softmax(z)_y, also stacked over members', () => {
    const z = [[2, 0, -1], [0.5, 0.5, 3], [-1, 4, 0]];
    const y = [0, 2, 1];
    const w = [1, 2, 0.5];
    const exact = z.reduce((sum, row, i) => {
      const lse = Math.log(row.reduce((a, v) => a + Math.exp(v), 0));
      return sum + w[i] * (lse - row[y[i]]);
    }, 0) / 3;
    const loss = weightedSoftmaxCe(tf.tensor2d(y, [3, 1]), tf.tensor2d(z), tf.tensor2d(w, [3, 1]));
    expect(loss.dataSync()[0]).toBeCloseTo(exact, 5);
    // [M, B, K] logits with [M, B] labels and weights: the same loss for two identical members
    const stacked = weightedSoftmaxCe(tf.tensor2d([y, y]), tf.tensor3d([z, z]), tf.tensor2d([w, w]));
    expect(stacked.dataSync()[0]).toBeCloseTo(exact, 5);
    tf.dispose([loss, stacked]);
  });
});

describe('multiclass moments', () => {
  it('gives per-class mean and population spread of the draws\' softmax, and replicas [R][K][n]', () => {
    const logits = tf.tensor3d([[[0, 0, 0], [1, 0, 0]], [[2, 0, 0], [1, 0, 0]]]); // R = 2, n = 2, K = 3
    const cols = tf.tidy(() => Object.fromEntries(Object.entries(multiclassMoments(logits, 2)).map(([k, t]) => [k, t.dataSync() as Float32Array])));
    logits.dispose();
    const p = multiclassPrediction(cols, ['a', 'b', 'c'], 2, 2);
    const soft = (v: number[]) => v.map((x) => Math.exp(x) / v.reduce((a, u) => a + Math.exp(u), 0));
    const [r0e0, r1e0] = [soft([0, 0, 0]), soft([2, 0, 0])];
    expect(p.probs[0][0]).toBeCloseTo((r0e0[0] + r1e0[0]) / 2, 6);
    expect(p.sigmaProbs[0][0]).toBeCloseTo(Math.abs(r0e0[0] - r1e0[0]) / 2, 6);
    expect(p.sigmaProbs[2][1]).toBeCloseTo(0, 6);
    expect(p.replicas![1][0][0]).toBeCloseTo(r1e0[0], 6);
    expect(p.replicas![0][2][1]).toBeCloseTo(soft([1, 0, 0])[2], 6);
  });
});

describe('mlp-classifier with K classes', () => {
  it('trains a softmax head, predicts probabilities summing to 1, saves and loads, refuses a warm start across K', async () => {
    const data = threeClasses(3000, 1);
    const ctx = { rng: new Rng(2), events: new EventBus() };
    const before = tf.memory().numTensors;
    const model = await mlpClassifierMethod.fit(data, mlpClassifierMethod.options.parse({ hidden: [16], epochs: 20, lr: 0.01, classes: ['low', 'mid', 'high'] }), ctx);
    const p = (await model.predict(data)) as MulticlassPrediction;
    expect(p.kind).toBe('multiclass');
    expect(p.classes).toEqual(['low', 'mid', 'high']);
    let correct = 0;
    for (let i = 0; i < data.n; i++) {
      const row = [p.probs[0][i], p.probs[1][i], p.probs[2][i]];
      expect(Math.abs(row[0] + row[1] + row[2] - 1)).toBeLessThan(1e-5);
      if (row.indexOf(Math.max(...row)) === data.label![i]) correct++;
    }
    // Bayes accuracy for means 2 sigma apart is (0.84 + 0.68 + 0.84) / 3 = 0.79 (boundaries at x = -1, +1);
    // its binomial error on 3000 events is 0.007, so 0.74 flags a broken fit, not noise
    expect(correct / data.n).toBeGreaterThan(0.74);
    expect(p.sigmaProbs.every((s) => s.every((v) => v === 0))).toBe(true);
    const dir = await mkdtemp(join(tmpdir(), 'hepuq-mlp-multiclass-'));
    try {
      await model.save(join(dir, 'm'));
      const loaded = await mlpClassifierMethod.load(join(dir, 'm'), ctx);
      const q = (await loaded.predict(data)) as MulticlassPrediction;
      loaded.dispose();
      for (let k = 0; k < 3; k++) expect(Array.from(q.probs[k])).toEqual(Array.from(p.probs[k]));
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
    const binary = new Dataset({ features: data.features, label: Float32Array.from(data.label!, (y) => (y > 0 ? 1 : 0)), source: 'binary' });
    await expect(mlpClassifierMethod.fit(binary, mlpClassifierMethod.options.parse({ hidden: [16], epochs: 1 }), { ...ctx, warmStart: model }))
      .rejects.toMatchObject({ code: 'InvalidArgument', message: expect.stringContaining('2-class classifier from a 3-class one') });
    model.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });
});
