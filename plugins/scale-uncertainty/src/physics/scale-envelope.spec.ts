import { describe, expect, it } from 'vitest';
import { scaleEnvelope } from './scale-envelope.js';

describe('scaleEnvelope', () => {
  it('takes max and min over the variations, asymmetrically', () => {
    const e = scaleEnvelope(10, Float64Array.of(13, 10, 8));
    expect(e).toMatchObject({ central: 10, up: 3, down: 2 });
    expect(e.relUp).toBeCloseTo(0.3, 12);
    expect(e.relDown).toBeCloseTo(0.2, 12);
  });

  it('does not care about the order of the points', () => {
    const a = scaleEnvelope(5, Float64Array.of(4, 6.5, 5.2, 4.4));
    const b = scaleEnvelope(5, Float64Array.of(6.5, 4.4, 4, 5.2));
    expect(a).toEqual(b);
    expect(a.up).toBeCloseTo(1.5, 12);
    expect(a.down).toBeCloseTo(1, 12);
  });

  it('rejects a non-positive central value', () => {
    expect(() => scaleEnvelope(0, Float64Array.of(1))).toThrow(/must be positive/);
  });
});
