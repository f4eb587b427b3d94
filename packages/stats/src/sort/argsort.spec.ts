import { describe, expect, it } from 'vitest';
import { Rng } from '@hepuq/core';
import { argsort, argsortFloat32 } from './argsort.js';

describe('argsortFloat32', () => {
  it('orders negatives, zeros, infinities and ties like a stable comparison sort', () => {
    const keys = Float32Array.of(0.5, -2, 0, -0, Infinity, -Infinity, 0.5, -1e-30, 3);
    const idx = Array.from(argsortFloat32(keys));
    const ref = Array.from(keys.keys()).sort((a, b) => keys[a] - keys[b] || (Object.is(keys[a], -0) ? -1 : 0) || a - b);
    expect(idx.map((i) => keys[i])).toEqual(ref.map((i) => keys[i]));
    // ties keep input order (stable)
    expect(idx.indexOf(0)).toBeLessThan(idx.indexOf(6));
  });

  it('agrees with a comparison sort on random data', () => {
    const rng = new Rng(4);
    const keys = Float32Array.from({ length: 5000 }, () => rng.normal(0, 100));
    const a = argsortFloat32(keys);
    for (let j = 1; j < a.length; j++) expect(keys[a[j - 1]]).toBeLessThanOrEqual(keys[a[j]]);
    const b = argsort(Float64Array.from(keys));
    expect(Array.from(b)).toEqual(Array.from(a));
  });
});
