import { describe, expect, it } from 'vitest';
import { HepuqError } from '../errors/hepuq-error.js';
import { Dataset } from './dataset.js';
import { assertFiniteDataset } from './assert-finite.js';

const ds = (n: number) =>
  new Dataset({ features: { a: Float32Array.from({ length: n }, (_, i) => i), b: new Float32Array(n) }, target: Float32Array.from({ length: n }, (_, i) => 2 * i), source: 'toy' });

describe('Dataset', () => {
  it('splits deterministically from the seed, disjoint and complete', () => {
    const { train, test } = ds(100).split(5, 0.8);
    const again = ds(100).split(5, 0.8);
    expect(train.n).toBe(80);
    expect(Array.from(train.features.a)).toEqual(Array.from(again.train.features.a));
    const all = [...train.features.a, ...test.features.a].sort((x, y) => x - y);
    expect(all).toEqual([...Array(100).keys()]);
    expect(Array.from(train.target!)).toEqual(Array.from(train.features.a, (v) => 2 * v));
  });

  it('makes k folds whose test parts partition the data', () => {
    const folds = ds(10).kFolds(1, 3);
    expect(folds.map((f) => f.test.n)).toEqual([3, 3, 4]);
    expect(folds.flatMap((f) => [...f.test.features.a]).sort((x, y) => x - y)).toEqual([...Array(10).keys()]);
    folds.forEach((f) => expect(f.train.n + f.test.n).toBe(10));
  });

  it('lays features out row-major and rejects ragged columns', () => {
    expect(Array.from(ds(2).featureMatrix())).toEqual([0, 0, 1, 0]);
    expect(() => new Dataset({ features: { a: new Float32Array(3), b: new Float32Array(2) }, source: 'f.csv' })).toThrow(/column "b" has 2 rows, expected 3/);
  });

  it('names the column and row of the first NaN', () => {
    const bad = new Dataset({ features: { a: Float32Array.of(1, Number.NaN) }, source: 'f.csv' });
    expect(() => assertFiniteDataset(bad)).toThrow(HepuqError);
    expect(() => assertFiniteDataset(bad)).toThrow('f.csv: column "a" row 2 is NaN');
  });
});
