import { describe, expect, it } from 'vitest';
import { type ClassificationPrediction, Rng } from '@hepuq/core';
import { createLikelihoodRatioMetric, likelihoodRatioMetric } from './likelihood-ratio.metric.js';
import { likelihoodRatioWeights } from '@hepuq/core';

const pred = (prob: number[]): ClassificationPrediction => ({ kind: 'classification', prob: Float32Array.from(prob), sigmaProb: new Float32Array(prob.length) });

describe('likelihood-ratio trick', () => {
  it('pins weights, clipping and closure on a hand case', () => {
    const lr = likelihoodRatioWeights(Float32Array.of(0.5, 0.8, 0.995, 0), { maxWeight: 100 });
    expect(lr.weights[0]).toBeCloseTo(1, 6);
    expect(lr.weights[1]).toBeCloseTo(4, 5);
    expect(lr.weights[2]).toBe(100);
    expect(Array.from(lr.clipped)).toEqual([0, 0, 1, 1]);
    expect(lr.maxRaw).toBeCloseTo(199, 2);
    // label-0 events 0.5 and 0.8 -> weights 1 and 4; one label-1 event of weight 5 -> closure 1
    const v = createLikelihoodRatioMetric().compute({ prediction: pred([0.5, 0.8, 0.3]), truth: Float32Array.of(0, 0, 1), weights: Float32Array.of(1, 1, 5) }).values;
    expect(v.lr_closure.value).toBeCloseTo(1, 5);
    expect(v.lr_ess.value).toBeCloseTo(25 / 17, 5);
    expect(v.lr_clipped_fraction.value).toBe(0);
  });

  it('closes for the exact classifier of N(+-1/2, 1): c = sigmoid(x)', () => {
    const rng = new Rng(9);
    const n = 20_000;
    const prob: number[] = [];
    const label: number[] = [];
    for (let i = 0; i < n; i++) {
      const y = i % 2;
      const x = rng.normal(y === 1 ? 0.5 : -0.5, 1);
      prob.push(1 / (1 + Math.exp(-x)));
      label.push(y);
    }
    const v = likelihoodRatioMetric.compute({ prediction: pred(prob), truth: Float32Array.from(label) }).values;
    // closure error ~ sqrt(1/ESS + 1/N1) ~ 0.016; allow 4 sigma
    expect(Math.abs(v.lr_closure.value - 1)).toBeLessThan(4 * v.lr_closure.error!);
    expect(v.lr_closure.error!).toBeLessThan(0.03);
    // w = e^x with x ~ N(-1/2, 1) on label 0: E[w] = 1, E[w^2] = e, so ESS/N -> 1/e; E[w^2] is heavy-tailed
    // (its estimate fluctuates by a few per cent at N = 1e4), so we allow 0.05
    expect(Math.abs(v.lr_ess_fraction.value - 1 / Math.E)).toBeLessThan(0.05);
  });
});
