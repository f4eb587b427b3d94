import { describe, expect, it } from 'vitest';
import { type ClassificationPrediction, Rng, type MetricInput } from '@hepuq/core';
import { normalCdf } from '../../special/normal.js';
import { aucMetric, createAucMetric } from './auc.metric.js';
import { bceMetric } from './bce.metric.js';
import { brierMetric } from './brier.metric.js';
import { eceMetric, createEceMetric } from './ece.metric.js';

function input(prob: number[], label: number[], weights?: number[]): MetricInput {
  const prediction: ClassificationPrediction = {
    kind: 'classification', prob: Float32Array.from(prob), sigmaProb: new Float32Array(prob.length),
  };
  return { prediction, truth: Float32Array.from(label), weights: weights && Float32Array.from(weights) };
}

describe('auc', () => {
  it('pins the textbook case and ties', () => {
    // pairs (pos, neg): (0.35 vs 0.1) win, (0.35 vs 0.4) lose, 0.8 wins both: 3/4
    expect(aucMetric.compute(input([0.1, 0.4, 0.35, 0.8], [0, 0, 1, 1])).values.auc.value).toBeCloseTo(0.75, 12);
    expect(aucMetric.compute(input([0.5, 0.5], [0, 1])).values.auc.value).toBe(0.5);
  });

  it('agrees with the O(N^2) pair sum, with and without ties', () => {
    const rng = new Rng(12);
    for (const digits of [0, 1]) {
      const n = 300;
      const prob = Array.from({ length: n }, () => (digits ? Math.round(rng.uniform() * 10) / 10 : rng.uniform()));
      const label = prob.map((p) => (rng.uniform() < p ? 1 : 0));
      const w = prob.map(() => (rng.uniform() < 0.1 ? -0.3 : 0.5 + rng.uniform()));
      const f = Float32Array.from(prob);
      let num = 0;
      let wp = 0;
      let wn = 0;
      for (let i = 0; i < n; i++) {
        if (label[i] === 1) wp += w[i];
        else wn += w[i];
        for (let j = 0; j < n; j++) {
          if (label[i] !== 1 || label[j] !== 0) continue;
          num += w[i] * w[j] * (f[i] > f[j] ? 1 : f[i] === f[j] ? 0.5 : 0);
        }
      }
      const v = createAucMetric({ bootstrap: 0 }).compute(input(prob, label, w)).values.auc.value;
      expect(v).toBeCloseTo(num / (wp * wn), 5);
    }
  });

  it('weights pairs by w_i w_j, negative weights included', () => {
    // positive 0.35 (w 2) beats negative 0.1 (w 1) but loses to negative 0.4 (w -0.5); positive 0.8 (w 1) beats both
    // numerator 2*1 + 1*1 + 1*(-0.5) = 2.5; W+ W- = 3 * 0.5
    const v = aucMetric.compute(input([0.1, 0.4, 0.35, 0.8], [0, 0, 1, 1], [1, -0.5, 2, 1])).values.auc;
    expect(v.value).toBeCloseTo(2.5 / 1.5, 6);
  });

  it('matches the binormal AUC Phi(d/sqrt 2) and the Hanley-McNeil error', () => {
    const rng = new Rng(21);
    const n = 4000;
    const prob: number[] = [];
    const label: number[] = [];
    for (let i = 0; i < n; i++) {
      const y = i % 2;
      label.push(y);
      prob.push(1 / (1 + Math.exp(-rng.normal(y, 1)))); // monotone map: AUC of score N(1,1) vs N(0,1)
    }
    const v = aucMetric.compute(input(prob, label)).values.auc;
    const a = normalCdf(1 / Math.SQRT2);
    const q1 = a / (2 - a);
    const q2 = (2 * a * a) / (1 + a);
    // Hanley & McNeil (1982): se^2 = [A(1-A) + (nP-1)(Q1-A^2) + (nN-1)(Q2-A^2)] / (nP nN) ~ 0.0074 here
    const hm = Math.sqrt((a * (1 - a) + (n / 2 - 1) * (q1 - a * a) + (n / 2 - 1) * (q2 - a * a)) / ((n / 2) * (n / 2)));
    expect(Math.abs(v.value - a)).toBeLessThan(4 * hm);
    // 100 bootstrap replicas estimate the error to ~7% (1/sqrt(2*100)); allow 30%
    expect(v.error! / hm).toBeGreaterThan(0.7);
    expect(v.error! / hm).toBeLessThan(1.3);
    expect(createAucMetric({ bootstrap: 0 }).compute(input(prob, label)).values.auc.error).toBeUndefined();
  });
});

describe('brier and bce', () => {
  it('pin hand cases', () => {
    expect(brierMetric.compute(input([0.1, 0.9], [0, 1])).values.brier.value).toBeCloseTo(0.01, 7);
    expect(bceMetric.compute(input([0.1, 0.9], [0, 1])).values.bce.value).toBeCloseTo(-Math.log(0.9), 6);
    // weighted: (2 * 0.25 + 1 * 0.01) / 3
    expect(brierMetric.compute(input([0.5, 0.9], [1, 1], [2, 1])).values.brier.value).toBeCloseTo(0.51 / 3, 6);
    // clipped: p = 0 with y = 1 gives -log(1e-7), not Infinity
    expect(bceMetric.compute(input([0], [1])).values.bce.value).toBeCloseTo(-Math.log(1e-7), 3);
  });
});

describe('ece', () => {
  it('is the L1 gap between accuracy and top-label confidence', () => {
    // confidence 0.75 everywhere; accuracy 3/4 -> 0; accuracy 1/2 -> 0.25
    expect(eceMetric.compute(input([0.75, 0.75, 0.75, 0.75], [1, 1, 1, 0])).values.ece.value).toBeCloseTo(0, 7);
    const v = eceMetric.compute(input([0.75, 0.75, 0.25, 0.25], [1, 0, 1, 0])).values;
    expect(v.ece.value).toBeCloseTo(0.25, 7);
    expect(v.ece_mass.value).toBeCloseTo(0.25, 7);
  });

  it('is small for a calibrated oracle and large for an overconfident one', () => {
    const rng = new Rng(3);
    const n = 20_000;
    const prob: number[] = [];
    const over: number[] = [];
    const label: number[] = [];
    for (let i = 0; i < n; i++) {
      const p = rng.uniform();
      prob.push(p);
      over.push(p > 0.5 ? Math.min(1, p + 0.1) : Math.max(0, p - 0.1));
      label.push(rng.uniform() < p ? 1 : 0);
    }
    // calibrated: ECE ~ sum_b W_b/W |noise|, noise per bin ~ sqrt(0.2/1333) = 0.012; 0.03 bounds it
    const cal = createEceMetric({ bootstrap: 20 }).compute(input(prob, label)).values;
    expect(cal.ece.value).toBeLessThan(0.03);
    expect(cal.ece_mass.value).toBeLessThan(0.03);
    const bad = createEceMetric({ bootstrap: 20 }).compute(input(over, label)).values;
    expect(bad.ece.value).toBeGreaterThan(0.07);
  });
});
