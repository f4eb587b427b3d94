import { describe, expect, it } from 'vitest';
import { weightDiagnostics } from './weight-diagnostics.js';

// every expected value below is worked out by hand from ESS = (sum w)^2 / sum w^2 (Kish 1965);
// toBeCloseTo's default (|diff| < 5e-3) is far coarser than double rounding, so 10 digits are asked for
describe('weightDiagnostics', () => {
  it('equal weights: ess = n, essFraction 1, max over mean 1', () => {
    expect(weightDiagnostics(Float32Array.of(2, 2, 2, 2))).toEqual({ n: 4, sum: 8, ess: 4, essFraction: 1, maxOverMean: 1, negativeFraction: 0 });
  });

  it('unequal weights: (1+2+3)^2 / (1+4+9) = 36/14', () => {
    const d = weightDiagnostics([1, 2, 3]);
    expect(d.n).toBe(3);
    expect(d.sum).toBe(6);
    expect(d.ess).toBeCloseTo(36 / 14, 10);
    expect(d.essFraction).toBeCloseTo(36 / 14 / 3, 10);
    // the largest weight 3 over the mean 2
    expect(d.maxOverMean).toBeCloseTo(1.5, 10);
    expect(d.negativeFraction).toBe(0);
  });

  it('one dominant weight drives ess towards 1', () => {
    const d = weightDiagnostics([100, 1, 1, 1]);
    expect(d.ess).toBeCloseTo(103 ** 2 / 10003, 10);
    expect(d.maxOverMean).toBeCloseTo(100 / (103 / 4), 10);
  });

  it('negative weights: counted, and they lower the ess: (2-1+1)^2 / (4+1+1) = 4/6', () => {
    const d = weightDiagnostics([2, -1, 1]);
    expect(d.ess).toBeCloseTo(4 / 6, 10);
    expect(d.negativeFraction).toBeCloseTo(1 / 3, 10);
    expect(d.maxOverMean).toBeCloseTo(2 / (2 / 3), 10);
  });

  it('only events where the mask is set count', () => {
    const d = weightDiagnostics([1, 100, 3, -5], Uint8Array.of(1, 0, 1, 0));
    expect(d.n).toBe(2);
    expect(d.sum).toBe(4);
    expect(d.ess).toBeCloseTo(16 / 10, 10);
    expect(d.maxOverMean).toBeCloseTo(3 / 2, 10);
    expect(d.negativeFraction).toBe(0);
  });

  it('no event, or a mask that removes every event: zeros, not NaN', () => {
    const zero = { n: 0, sum: 0, ess: 0, essFraction: 0, maxOverMean: 0, negativeFraction: 0 };
    expect(weightDiagnostics(new Float32Array(0))).toEqual(zero);
    expect(weightDiagnostics([1, 2], [0, 0])).toEqual(zero);
  });

  it('weights that sum to zero: ess 0 and no max-over-mean (the mean is 0)', () => {
    const d = weightDiagnostics([1, -1]);
    expect(d.ess).toBe(0);
    expect(d.maxOverMean).toBe(0);
    expect(d.negativeFraction).toBe(0.5);
  });
});
