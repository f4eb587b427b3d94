import { Rng } from '@hepuq/core';
import { describe, expect, it } from 'vitest';
import { weightedAuc } from './weighted-auc.js';

describe('weightedAuc', () => {
  it('counts pairs, ties as half', () => {
    // positives 0.8, 0.4; negatives 0.4, 0.1: pairs (0.8>0.4, 0.8>0.1, 0.4=0.4 -> 1/2, 0.4>0.1) = 3.5 / 4
    expect(weightedAuc([0.8, 0.4, 0.4, 0.1], [1, 1, 0, 0]).value).toBeCloseTo(0.875, 12);
  });

  it('treats integer weights as repeated events', () => {
    const a = weightedAuc([0.3, 0.6, 0.5, 0.1], [1, 1, 0, 0], [2, 1, 1, 3]).value;
    const b = weightedAuc([0.3, 0.3, 0.6, 0.5, 0.1, 0.1, 0.1], [1, 1, 1, 0, 0, 0, 0]).value;
    expect(a).toBeCloseTo(b, 12);
  });

  it('has the exact null error at AUC = 1/2 and covers 0.5 for random scores', () => {
    const rng = new Rng(1);
    const n = 2000;
    const r = weightedAuc(Float64Array.from({ length: n }, () => rng.uniform()), Uint8Array.from({ length: n }, (_, i) => i % 2));
    const nullSe = Math.sqrt((n + 1) / (12 * (n / 2) ** 2));
    expect(r.error).toBeCloseTo(nullSe, 3);
    expect(Math.abs(r.value - 0.5)).toBeLessThan(3 * r.error);
  });
});
