import { describe, expect, it } from 'vitest';
import { Dataset } from '../data/dataset.js';
import type { HepuqError } from '../errors/hepuq-error.js';
import { twoSampleDataset } from './two-sample-dataset.js';

const sum = (a: ArrayLike<number>, from = 0, to = a.length): number => {
  let s = 0;
  for (let i = from; i < to; i++) s += a[i];
  return s;
};

function thrown(f: () => unknown): HepuqError {
  try {
    f();
  } catch (e) {
    return e as HepuqError;
  }
  throw new Error('expected a throw');
}

const sim = new Dataset({ features: { x: Float32Array.of(1, 2, 3), y: Float32Array.of(10, 20, 30) }, weights: Float32Array.of(1, 2, 5), units: { x: 'GeV' }, source: 'sim.csv' });
const data = new Dataset({ features: { y: Float32Array.of(40, 50), x: Float32Array.of(4, 5) }, weights: Float32Array.of(0.5, 0.25), source: 'data.csv' });

describe('twoSampleDataset', () => {
  it('stacks `from` (label 0) over `to` (label 1) with the features in the order of `from`', () => {
    const ds = twoSampleDataset(sim, data);
    expect(ds.n).toBe(5);
    expect(ds.featureNames).toEqual(['x', 'y']);
    expect(Array.from(ds.features.x)).toEqual([1, 2, 3, 4, 5]);
    expect(Array.from(ds.features.y)).toEqual([10, 20, 30, 40, 50]);
    expect(Array.from(ds.label!)).toEqual([0, 0, 0, 1, 1]);
    expect(ds.source).toBe('sim.csv vs data.csv');
    expect(ds.units).toEqual({ x: 'GeV' });
  });

  it('balances the classes to n/2 each, keeping the weights within a class in proportion', () => {
    const ds = twoSampleDataset(sim, data);
    // float32 weights summed over 2-3 events: relative rounding ~1e-7, so 6 digits are safe
    expect(sum(ds.weights, 0, 3)).toBeCloseTo(2.5, 6);
    expect(sum(ds.weights, 3, 5)).toBeCloseTo(2.5, 6);
    // sim weights 1:2:5 over a total of 8, scaled to 2.5
    expect(Array.from(ds.weights.subarray(0, 3))).toEqual(Array.from(Float32Array.of(2.5 / 8, 5 / 8, 12.5 / 8)));
    // data weights 2:1 over 0.75, scaled to 2.5
    expect(ds.weights[3]).toBeCloseTo(2.5 * (2 / 3), 6);
    expect(ds.weights[4]).toBeCloseTo(2.5 * (1 / 3), 6);
  });

  it('balances samples of very different sizes and keeps negative weights', () => {
    const big = new Dataset({ features: { x: new Float32Array(1000).fill(1) }, weights: Float32Array.from({ length: 1000 }, (_, i) => (i % 10 === 0 ? -0.5 : 1)), source: 'big' });
    const small = new Dataset({ features: { x: Float32Array.of(2, 3) }, source: 'small' });
    const ds = twoSampleDataset(big, small);
    // 1000 float32 terms: relative error below 1e-4, so 2 decimals on 501 is generous
    expect(sum(ds.weights, 0, 1000)).toBeCloseTo(501, 2);
    expect(sum(ds.weights, 1000)).toBeCloseTo(501, 4);
    expect(ds.weights[0]).toBeLessThan(0);
  });

  it('MissingColumn naming a feature of `from` that `to` lacks, and the other way round', () => {
    const noY = new Dataset({ features: { x: Float32Array.of(4) }, source: 'data.csv' });
    const e = thrown(() => twoSampleDataset(sim, noY));
    expect(e.code).toBe('MissingColumn');
    expect(e.message).toContain('"y"');
    expect(e.message).toContain('data.csv');
    const extra = new Dataset({ features: { x: Float32Array.of(4), y: Float32Array.of(1), z: Float32Array.of(0) }, source: 'data.csv' });
    const e2 = thrown(() => twoSampleDataset(sim, extra));
    expect(e2.code).toBe('MissingColumn');
    expect(e2.message).toContain('"z"');
    expect(e2.message).toContain('sim.csv');
  });

  it('InvalidArgument naming the sample whose weights do not sum to a positive number', () => {
    const negative = new Dataset({ features: { x: Float32Array.of(1, 2), y: Float32Array.of(1, 2) }, weights: Float32Array.of(1, -3), source: 'neg.csv' });
    const e = thrown(() => twoSampleDataset(negative, data));
    expect(e.code).toBe('InvalidArgument');
    expect(e.message).toContain('neg.csv');
    expect(e.message).toContain('-2');
    const zero = new Dataset({ features: { x: Float32Array.of(1), y: Float32Array.of(1) }, weights: Float32Array.of(0), source: 'zero.csv' });
    expect(thrown(() => twoSampleDataset(sim, zero)).message).toContain('zero.csv');
    const nan = new Dataset({ features: { x: Float32Array.of(1), y: Float32Array.of(1) }, weights: Float32Array.of(Number.NaN), source: 'nan.csv' });
    expect(thrown(() => twoSampleDataset(sim, nan)).code).toBe('InvalidArgument');
  });
});
