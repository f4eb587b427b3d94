import { describe, expect, it } from 'vitest';
import { Rng } from '@hepuq/core';
import { weightedMedian, weightedQuantiles } from './weighted-quantile.js';

describe('weightedQuantiles', () => {
  it('is the averaged inverse CDF: the mean of the middle two for an even count, the middle for an odd one', () => {
    expect(weightedQuantiles(Float64Array.of(3, 1, 2, 4), Float64Array.of(1, 1, 1, 1), [0.5])).toEqual([2.5]);
    expect(weightedQuantiles(Float64Array.of(5, 1, 3), Float64Array.of(1, 1, 1), [0.5, 0, 1])).toEqual([3, 1, 5]);
    expect(weightedQuantiles(Float64Array.of(1, 2, 3, 4), Float64Array.of(1, 1, 1, 1), [0.25, 0.3])).toEqual([1.5, 2]);
  });

  it('gives an event of integer weight k the quantiles of k copies of it', () => {
    const rng = new Rng(4);
    const values = Float64Array.from({ length: 57 }, () => rng.normal());
    const weights = Float64Array.from({ length: 57 }, () => 1 + rng.int(3));
    const copies: number[] = [];
    values.forEach((v, i) => {
      for (let k = 0; k < weights[i]; k++) copies.push(v);
    });
    const qs = [0.1, 0.25, 0.5, 0.5 + 1 / 17, 0.9];
    expect(weightedQuantiles(values, weights, qs)).toEqual(weightedQuantiles(Float64Array.from(copies), new Float64Array(copies.length).fill(1), qs));
  });

  it('rejects a non-positive total and mismatched lengths with catalog errors', () => {
    expect(() => weightedQuantiles(Float64Array.of(1, 2), Float64Array.of(1, -1), [0.5])).toThrow(/positive total/);
    expect(() => weightedQuantiles(Float64Array.of(1, 2), Float64Array.of(1), [0.5])).toThrow(/2 values but 1 weights/);
    expect(weightedQuantiles(new Float64Array(0), new Float64Array(0), [0.5])).toEqual([Number.NaN]);
  });
});

describe('weightedMedian', () => {
  it('has an error that is the spread of the median over repeated Gaussian samples', () => {
    // 600 samples of 201 N(0, 1) events: the median's standard deviation is 1.2533/sqrt(201) = 0.0884
    // (asymptotic); the spread of 600 sample medians is known to 1/sqrt(2 * 600) = 2.9%, the mean of
    // 600 error estimates (each to ~1/sqrt(4 sqrt(201)) = 13%) to about 1%: we allow 10% between them
    const rng = new Rng(9);
    const medians: number[] = [];
    const errors: number[] = [];
    for (let s = 0; s < 600; s++) {
      const x = Float64Array.from({ length: 201 }, () => rng.normal());
      const m = weightedMedian(x, new Float64Array(201).fill(1));
      medians.push(m.value);
      errors.push(m.error);
    }
    const mean = medians.reduce((a, b) => a + b, 0) / medians.length;
    const spread = Math.sqrt(medians.reduce((a, b) => a + (b - mean) ** 2, 0) / (medians.length - 1));
    const meanError = errors.reduce((a, b) => a + b, 0) / errors.length;
    expect(Math.abs(meanError / spread - 1)).toBeLessThan(0.1);
    expect(Math.abs(meanError / (1.2533 / Math.sqrt(201)) - 1)).toBeLessThan(0.1);
  });

  it('uses the Kish effective size: doubling every weight changes nothing', () => {
    const x = Float64Array.from({ length: 101 }, (_, i) => Math.sin(i));
    const a = weightedMedian(x, new Float64Array(101).fill(1));
    const b = weightedMedian(x, new Float64Array(101).fill(2));
    expect(b).toEqual(a);
  });

  it('is NaN with fewer than 2 effective events', () => {
    expect(weightedMedian(Float64Array.of(1), Float64Array.of(1)).value).toBeNaN();
  });
});
