import { HepuqError } from '@hepuq/core';

export interface BrentResult {
  x: number;
  fx: number;
  iterations: number;
  converged: boolean;
}

const GOLDEN = 0.3819660112501051; // (3 - sqrt 5)/2

/**
 * Bounded 1-D minimisation by Brent's method (golden section with parabolic steps) — R. P. Brent,
 * Algorithms for Minimization without Derivatives (1973), ch. 5; the algorithm of scipy's fminbound.
 * Finds a local minimum of `f` in [lo, hi] to |x - x*| <= xtol + 1e-10 |x|.
 * @example brentMinimize((x) => (x - 2) ** 2, 0, 5).x // 2
 */
export function brentMinimize(f: (x: number) => number, lo: number, hi: number, xtol = 1e-8, maxIter = 500): BrentResult {
  if (!(lo < hi) || !Number.isFinite(lo) || !Number.isFinite(hi)) {
    throw new HepuqError('InvalidArgument', `brentMinimize: bounds [${lo}, ${hi}] must be finite with lo < hi`);
  }
  let a = lo;
  let b = hi;
  let x = a + GOLDEN * (b - a);
  let w = x;
  let v = x;
  let fx = f(x);
  let fw = fx;
  let fv = fx;
  let d = 0;
  let e = 0;
  for (let iter = 1; iter <= maxIter; iter++) {
    const m = 0.5 * (a + b);
    const tol1 = 1e-10 * Math.abs(x) + xtol / 3;
    const tol2 = 2 * tol1;
    if (Math.abs(x - m) <= tol2 - 0.5 * (b - a)) return { x, fx, iterations: iter, converged: true };
    let golden = true;
    if (Math.abs(e) > tol1) {
      // parabola through (v, fv), (w, fw), (x, fx)
      let r = (x - w) * (fx - fv);
      let q = (x - v) * (fx - fw);
      let p = (x - v) * q - (x - w) * r;
      q = 2 * (q - r);
      if (q > 0) p = -p;
      else q = -q;
      r = e;
      e = d;
      if (Math.abs(p) < Math.abs(0.5 * q * r) && p > q * (a - x) && p < q * (b - x)) {
        d = p / q;
        const u = x + d;
        if (u - a < tol2 || b - u < tol2) d = x < m ? tol1 : -tol1;
        golden = false;
      }
    }
    if (golden) {
      e = x >= m ? a - x : b - x;
      d = GOLDEN * e;
    }
    const u = Math.abs(d) >= tol1 ? x + d : x + (d > 0 ? tol1 : -tol1);
    const fu = f(u);
    if (fu <= fx) {
      if (u >= x) a = x;
      else b = x;
      v = w; fv = fw;
      w = x; fw = fx;
      x = u; fx = fu;
    } else {
      if (u < x) a = u;
      else b = u;
      if (fu <= fw || w === x) {
        v = w; fv = fw;
        w = u; fw = fu;
      } else if (fu <= fv || v === x || v === w) {
        v = u; fv = fu;
      }
    }
  }
  return { x, fx, iterations: maxIter, converged: false };
}
