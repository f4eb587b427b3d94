import { describe, expect, it } from 'vitest';
import { htHalf, htHalfPerEvent } from './ht-half.js';

/** A particle of mass m with transverse momentum (px, py) and longitudinal pz. */
function particle(m: number, px: number, py: number, pz: number): number[] {
  return [Math.sqrt(m * m + px * px + py * py + pz * pz), px, py, pz];
}

describe('H_T/2', () => {
  it('matches a hand computation', () => {
    // W (m = 80.4, pT = 60.3): sqrt(80.4^2 + 60.3^2) = sqrt(6464.16 + 3636.09) = sqrt(10100.25) = 100.5 (any pz)
    // jet (massless, px = 30, py = 40): pT = 50
    // top (m = 173, at rest transversely, pz = 250): sqrt(173^2 + 0) = 173
    // H_T/2 = (100.5 + 50 + 173) / 2 = 161.75
    const momenta = Float64Array.from([...particle(80.4, 60.3, 0, -120), ...particle(0, 30, 40, 75), ...particle(173, 0, 0, 250)]);
    expect(htHalf(momenta)).toBeCloseTo(161.75, 9);
  });

  it('splits events of equal multiplicity', () => {
    const momenta = Float64Array.from([...particle(0, 3, 4, 1), ...particle(0, 6, 8, 0), ...particle(10, 0, 0, 0), ...particle(0, 0, 5, 9)]);
    const perEvent = htHalfPerEvent(momenta, 2);
    expect(Array.from(perEvent)).toHaveLength(2);
    expect(perEvent[0]).toBeCloseTo((5 + 10) / 2, 9);
    expect(perEvent[1]).toBeCloseTo((10 + 5) / 2, 9);
  });

  it('accepts single precision and a massless particle along the beam', () => {
    const momenta = Float32Array.from([...particle(0, 0, 0, 1234.5), ...particle(0, 3, 4, 0)]);
    expect(htHalf(momenta)).toBeCloseTo(2.5, 5);
  });

  it('rejects unphysical momenta and ragged arrays', () => {
    expect(() => htHalf(Float64Array.of(1, 0, 0, 5))).toThrow(/particle 0/);
    expect(() => htHalf(Float64Array.of(1, 0, 0))).toThrow(/multiple of 4/);
    expect(() => htHalfPerEvent(new Float64Array(12), 2)).toThrow(/whole events/);
  });
});
