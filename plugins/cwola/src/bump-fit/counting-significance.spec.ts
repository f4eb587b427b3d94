import { normalCdf } from '@hepuq/stats';
import { describe, expect, it } from 'vitest';
import { countingSignificance } from './counting-significance.js';
import { expectBumpFitError } from './fixtures/expect-bump-fit-error.js';

/** Cowan et al. 1007.1727 eq. 97: the known-background discovery significance. */
const cowan = (n: number, b: number) => Math.sqrt(2 * (n * Math.log(n / b) - (n - b)));

/** min over nu of NLL(mu = 0, nu) by golden-section search on (-b, n), to 1e-13 relative in nu. */
function profiledNll(n: number, b: number, s: number): number {
  const nll = (nu: number) => b + nu - n * Math.log(b + nu) + (nu * nu) / (2 * s * s);
  let lo = -b * (1 - 1e-12);
  let hi = n;
  const g = (Math.sqrt(5) - 1) / 2;
  while (hi - lo > 1e-13 * Math.max(1, Math.abs(hi))) {
    const a = hi - g * (hi - lo);
    const c = lo + g * (hi - lo);
    if (nll(a) < nll(c)) hi = c;
    else lo = a;
  }
  return nll(0.5 * (lo + hi));
}

/** z from a brute-force profile, independent of the closed-form root. */
const bruteZ = (n: number, b: number, s: number) => Math.sqrt(2 * (profiledNll(n, b, s) - (n - n * Math.log(n))));

describe('countingSignificance', () => {
  it('with sigma_b = 0 is the Cowan formula sqrt(2 (n ln(n/b) - (n - b)))', () => {
    for (const [n, b] of [[130, 100], [5, 1.2], [1, 0.01], [1e6 + 3000, 1e6]]) {
      const r = countingSignificance(n, b, 0);
      expect(r.mu_hat).toBe(n - b);
      // the textbook form itself cancels to ~eps b/(n - b) relative: 3e-11 for the last pair
      expect(Math.abs(r.z - cowan(n, b)) / cowan(n, b), `n ${n} b ${b}`).toBeLessThan(1e-10);
      expect(r.p0).toBe(normalCdf(-r.z));
    }
    expect(countingSignificance(130, 100, 0).z).toBeCloseTo(2.866131323151064, 12);
  });

  it('with sigma_b > 0 matches a brute-force minimisation of the profiled NLL over nu', () => {
    // golden section locates nu to ~1e-13, so the NLL minimum (quadratic there) to far below 1e-9
    for (const [n, b, s] of [[130, 100, 5], [130, 100, 40], [12, 3.5, 1], [400, 380, 0.5], [2e5, 1.98e5, 300]]) {
      const r = countingSignificance(n, b, s);
      expect(Math.abs(r.z - bruteZ(n, b, s)), `n ${n} b ${b} s ${s}`).toBeLessThan(1e-6 * Math.max(1, r.z));
      expect(r.z).toBeLessThan(cowan(n, b));
    }
  });

  it('is one-sided: no excess gives z = 0 and p0 = 1/2', () => {
    expect(countingSignificance(90, 100, 5)).toEqual({ mu_hat: -10, z: 0, p0: 0.5 });
    expect(countingSignificance(100, 100, 5)).toEqual({ mu_hat: 0, z: 0, p0: 0.5 });
    expect(countingSignificance(0, 3, 0)).toEqual({ mu_hat: -3, z: 0, p0: 0.5 });
  });

  it('is accurate for tiny excesses (no cancellation) and deep tails', () => {
    // for a small excess z -> (n - b)/sqrt(b + s^2) with relative corrections O((n - b)/b)
    const b = 1e4;
    const r = countingSignificance(b * (1 + 1e-9), b, 50);
    expect(Math.abs(r.z / (r.mu_hat / Math.sqrt(b + 2500)) - 1)).toBeLessThan(1e-8);
    const deep = countingSignificance(400, 100, 0);
    expect(deep.z).toBeGreaterThan(20);
    expect(deep.p0).toBeGreaterThan(0);
    expect(deep.p0).toBe(normalCdf(-deep.z));
    expect(countingSignificance(130, 100, 1e7).z).toBeLessThan(1e-3); // an unconstrained background explains any excess
  });

  it('rejects counts and backgrounds outside their domain', () => {
    expectBumpFitError(errorOf(() => countingSignificance(Number.NaN, 1, 0)), 'InvalidArgument', ['observed']);
    expectBumpFitError(errorOf(() => countingSignificance(3, 0, 0)), 'InvalidArgument', ['expected']);
    expectBumpFitError(errorOf(() => countingSignificance(3, 1, -1)), 'InvalidArgument', ['sigma_b']);
  });
});

function errorOf(fn: () => unknown): unknown {
  try {
    fn();
  } catch (e) {
    return e;
  }
  return undefined;
}
