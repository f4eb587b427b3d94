import { HepuqError } from '@hepuq/core';

/** Tolerances of `brentRoot`: stop when the bracket is below atol + rtol |x|. */
export interface RootOptions {
  atol?: number;
  rtol?: number;
  maxIterations?: number;
}

/**
 * Root of f in [a, b] with f(a) f(b) <= 0 by Brent's method (inverse quadratic interpolation,
 * secant and bisection; Brent 1973, "Algorithms for Minimization without Derivatives", ch. 4),
 * the algorithm behind scipy's brentq.
 * @example brentRoot((x) => x * x - 2, 0, 2) // ≈ 1.41421356
 */
export function brentRoot(f: (x: number) => number, a: number, b: number, options: RootOptions = {}): number {
  const atol = options.atol ?? 2e-12;
  const rtol = options.rtol ?? 1e-10;
  const maxIter = options.maxIterations ?? 200;
  let fa = f(a);
  let fb = f(b);
  if (fa === 0) return a;
  if (fb === 0) return b;
  if (!(fa * fb < 0)) throw new HepuqError('InvalidArgument', `brentRoot: f(${a}) = ${fa} and f(${b}) = ${fb} do not bracket a root`);
  let c = a;
  let fc = fa;
  let d = b - a;
  let e = d;
  for (let it = 0; it < maxIter; it++) {
    if (fb * fc > 0) {
      c = a;
      fc = fa;
      d = b - a;
      e = d;
    }
    if (Math.abs(fc) < Math.abs(fb)) {
      [a, b, c] = [b, c, b];
      [fa, fb, fc] = [fb, fc, fb];
    }
    const tol = 2 * Number.EPSILON * Math.abs(b) + 0.5 * (atol + rtol * Math.abs(b));
    const m = 0.5 * (c - b);
    if (Math.abs(m) <= tol || fb === 0) return b;
    if (Math.abs(e) >= tol && Math.abs(fa) > Math.abs(fb)) {
      const s = fb / fa;
      let p: number;
      let q: number;
      if (a === c) {
        p = 2 * m * s;
        q = 1 - s;
      } else {
        const qa = fa / fc;
        const r = fb / fc;
        p = s * (2 * m * qa * (qa - r) - (b - a) * (r - 1));
        q = (qa - 1) * (r - 1) * (s - 1);
      }
      if (p > 0) q = -q;
      else p = -p;
      if (2 * p < Math.min(3 * m * q - Math.abs(tol * q), Math.abs(e * q))) {
        e = d;
        d = p / q;
      } else {
        d = m;
        e = m;
      }
    } else {
      d = m;
      e = m;
    }
    a = b;
    fa = fb;
    b += Math.abs(d) > tol ? d : m > 0 ? tol : -tol;
    fb = f(b);
  }
  throw new HepuqError('InvalidArgument', `brentRoot: no convergence in ${maxIter} iterations`);
}
