import { HepuqError } from '@hepuq/core';
import { normalCdf } from '@hepuq/stats';

/** Phi(hi) - Phi(lo) for lo <= hi, taken in the lower tail so that upper-tail bins do not cancel to 0. */
export function normalInterval(lo: number, hi: number): number {
  return lo > 0 ? normalCdf(-lo) - normalCdf(-hi) : normalCdf(hi) - normalCdf(lo);
}

/**
 * Throws unless `edges` are at least two strictly increasing numbers (the ends may be -Infinity / Infinity,
 * so that under- and overflow bins hold the rest of the probability).
 */
export function checkBinEdges(edges: ArrayLike<number>, where: string): void {
  const hint = 'Pass at least two strictly increasing edges; use -Infinity / Infinity as outer edges for under- and overflow.';
  if (edges.length < 2) throw new HepuqError('InvalidArgument', `${where}: needs at least 2 bin edges, got ${edges.length}`, { hint });
  for (let k = 0; k < edges.length; k++) {
    if (Number.isNaN(edges[k]) || (k > 0 && !(edges[k] > edges[k - 1]))) {
      const after = k > 0 ? ` after ${edges[k - 1]}` : '';
      throw new HepuqError('InvalidArgument', `${where}: bin edges must be numbers that increase strictly, got edges[${k}] = ${edges[k]}${after}`, { hint });
    }
  }
}

/**
 * P(edges[k] < X <= edges[k + 1]) for X = g(Z), Z ~ N(0, 1) and g increasing: Phi(g^-1(hi)) - Phi(g^-1(lo)).
 * `toStandard` is g^-1 (it may return -Infinity / Infinity outside the range of g).
 * @example normalBinProbabilities([-Infinity, 0, Infinity], (x) => x, 'demo') // Float64Array [0.5, 0.5]
 */
export function normalBinProbabilities(edges: ArrayLike<number>, toStandard: (x: number) => number, where: string): Float64Array {
  checkBinEdges(edges, where);
  const out = new Float64Array(edges.length - 1);
  let lo = toStandard(edges[0]);
  for (let k = 0; k < out.length; k++) {
    const hi = toStandard(edges[k + 1]);
    out[k] = normalInterval(lo, hi);
    lo = hi;
  }
  return out;
}
