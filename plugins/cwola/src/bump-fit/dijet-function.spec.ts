import { describe, expect, it } from 'vitest';
import { dijetFeatures, dijetParamCount, dijetShape } from './dijet-function.js';
import { expectBumpFitError, thrownBy } from './fixtures/expect-bump-fit-error.js';

describe('dijetShape', () => {
  it('is p1 (1-x)^p2 x^-p3, and dijet4 adds x^-(p4 ln x)', () => {
    const x = 3000 / 13000;
    expect(dijetShape('dijet3', 3000, [12, 10, 5], 13000) / (12 * (1 - x) ** 10 * x ** -5) - 1).toBeLessThan(1e-14);
    expect(Math.abs(dijetShape('dijet4', 3000, [12, 10, 5, 0.3], 13000) / (12 * (1 - x) ** 10 * x ** -(5 + 0.3 * Math.log(x))) - 1)).toBeLessThan(1e-14);
    expect(dijetShape('dijet4', 4000, [2, 8, 4, 0], 13000)).toBeCloseTo(dijetShape('dijet3', 4000, [2, 8, 4], 13000), 12);
  });

  it('has log-linear features ln(1-x), -ln x, -ln^2 x', () => {
    expect(dijetParamCount('dijet3')).toBe(3);
    expect(dijetParamCount('dijet4')).toBe(4);
    expect(dijetFeatures('dijet4', 0.5)).toEqual([Math.log(0.5), Math.log(2), -(Math.log(0.5) ** 2)]);
  });

  it('rejects a wrong number of parameters and masses outside (0, sqrt s)', async () => {
    expectBumpFitError(await thrownBy(() => dijetShape('dijet4', 3000, [1, 2, 3], 13000)), 'InvalidArgument', ['dijet4 takes 4']);
    expectBumpFitError(await thrownBy(() => dijetShape('dijet3', 13000, [1, 2, 3], 13000)), 'InvalidArgument', ['(0, 1)']);
  });
});
