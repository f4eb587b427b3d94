import { describe, expect, it } from 'vitest';
import { regressionPrediction } from '@hepuq/core';
import { boostFactors } from './boost.js';

describe('boostFactors', () => {
  const pred = regressionPrediction(Float32Array.of(0, 0, 0, 0), new Float32Array(4), Float32Array.of(1, 1, 2, 4));
  const y = Float32Array.of(0.5, 3, -20, 8);

  it('weights by |pull|, clipped to [1, max]', () => {
    expect(Array.from(boostFactors(pred, y, { by: 'pull', after: 0.5, max: 5 }))).toEqual([1, 3, 5, 2]);
  });

  it('weights by sigma over its median, clipped to [1, max]', () => {
    // sigma_tot = 1, 1, 2, 4; the median (upper of the two middle values) is 2
    expect(Array.from(boostFactors(pred, y, { by: 'sigma', after: 0.5, max: 10 }))).toEqual([1, 1, 1, 2]);
  });
});
