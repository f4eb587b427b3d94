import { describe, expect, it } from 'vitest';
import { equivalentEvents } from './equivalent-events.js';

describe('equivalentEvents', () => {
  it('inverts E MSE = s/N after taking off the floor, with the propagated error and the 68% interval', () => {
    // s = 0.09 (10 equal cells); MSE 0.0009 + floor 0.0001 is the expectation for 100 events
    const e = equivalentEvents(0.001, 0.0004, 0.09, 0.0001);
    expect(e.value).toBeCloseTo(100, 9);
    expect(e.error).toBeCloseTo((0.09 * 0.0004) / 0.0009 ** 2, 9);
    expect(e.low).toBeCloseTo(0.09 / 0.0013, 9);
    expect(e.high).toBeCloseTo(0.09 / 0.0005, 9);
    // per 100 training events: the factor
    const f = equivalentEvents(0.001, 0.0004, 0.09, 0.0001, 100);
    expect(f.value).toBeCloseTo(1, 12);
    expect(f.low).toBeCloseTo(e.low / 100, 12);
  });

  it('has no value and no upper bound where the excess over the floor is not positive; the lower bound remains', () => {
    const e = equivalentEvents(0.0001, 0.0002, 0.09, 0.00012);
    expect(e.value).toBeNull();
    expect(e.error).toBeNull();
    expect(e.high).toBeNull();
    expect(e.low).toBeCloseTo(0.09 / 0.00018, 9);
    // positive excess, but less than one sigma: a value, no upper end of the interval
    const f = equivalentEvents(0.0003, 0.0002, 0.09, 0.0002);
    expect(f.value).toBeCloseTo(900, 9);
    expect(f.high).toBeNull();
  });
});
