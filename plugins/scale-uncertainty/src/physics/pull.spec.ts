import { describe, expect, it } from 'vitest';
import { asymmetricPull, pull, symmetrisedPull } from './pull.js';

describe('pulls', () => {
  it('uses the upward uncertainty for an upward shift and the downward one otherwise', () => {
    expect(asymmetricPull(0.3, 0.15, 0.1)).toBeCloseTo(2, 12);
    expect(asymmetricPull(-0.3, 0.15, 0.1)).toBeCloseTo(-3, 12);
  });

  it('divides by the mean of both sides when symmetrised', () => {
    expect(symmetrisedPull(0.3, 0.15, 0.1)).toBeCloseTo(2.4, 12);
    expect(symmetrisedPull(-0.3, 0.15, 0.1)).toBeCloseTo(-2.4, 12);
  });

  it('dispatches on the definition', () => {
    expect(pull('asymmetric', -0.1, 0.2, 0.05)).toBeCloseTo(-2, 12);
    expect(pull('symmetrised', -0.1, 0.2, 0.05)).toBeCloseTo(-0.8, 12);
  });
});
