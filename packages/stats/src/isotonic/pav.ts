import { HepuqError } from '@hepuq/core';

/** A non-decreasing step fit: block k covers x in [xLow[k], xHigh[k]] with value y[k] and weight w[k]. */
export interface PavResult {
  xLow: Float64Array;
  xHigh: Float64Array;
  y: Float64Array;
  w: Float64Array;
}

/**
 * Weighted isotonic (non-decreasing) regression of y on x by pool-adjacent-violators — Ayer et al.,
 * Ann. Math. Stat. 26 (1955) 641; Best & Chakravarti, Math. Program. 47 (1990) 425. Points are sorted
 * by x and equal x pooled first. A block whose total weight is not positive (negative MC weights) is
 * treated as a violator and pooled with its neighbour, so every returned block has positive weight.
 * @example pav(Float64Array.of(1, 2, 3), Float64Array.of(1, 3, 2), Float64Array.of(1, 1, 1)).y // [1, 2.5]
 */
export function pav(x: Float64Array, y: Float64Array, w: Float64Array): PavResult {
  const n = x.length;
  if (y.length !== n || w.length !== n) throw new HepuqError('ShapeMismatch', `pav: x, y, w have ${n}, ${y.length}, ${w.length} entries`);
  const order = new Uint32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  order.sort((a, b) => x[a] - x[b]);
  const lo = new Float64Array(n);
  const hi = new Float64Array(n);
  const sw = new Float64Array(n);
  const swy = new Float64Array(n);
  let m = 0;
  for (let j = 0; j < n; j++) {
    const i = order[j];
    if (m > 0 && x[i] === hi[m - 1]) {
      sw[m - 1] += w[i];
      swy[m - 1] += w[i] * y[i];
    } else {
      lo[m] = x[i];
      hi[m] = x[i];
      sw[m] = w[i];
      swy[m] = w[i] * y[i];
      m++;
    }
    // pool while the last block violates monotonicity or carries no positive weight
    while (m > 1 && (!(sw[m - 1] > 0) || !(sw[m - 2] > 0) || swy[m - 2] / sw[m - 2] > swy[m - 1] / sw[m - 1])) {
      hi[m - 2] = hi[m - 1];
      sw[m - 2] += sw[m - 1];
      swy[m - 2] += swy[m - 1];
      m--;
    }
  }
  while (m > 1 && !(sw[m - 1] > 0)) {
    hi[m - 2] = hi[m - 1];
    sw[m - 2] += sw[m - 1];
    swy[m - 2] += swy[m - 1];
    m--;
  }
  if (!(sw[0] > 0)) throw new HepuqError('InvalidArgument', `pav: the weights sum to ${sw[0]}; they must have a positive total`);
  return {
    xLow: lo.slice(0, m), xHigh: hi.slice(0, m), y: Float64Array.from(swy.subarray(0, m), (s, k) => s / sw[k]), w: sw.slice(0, m),
  };
}

/**
 * Evaluate a PAV fit at x by linear interpolation between block centres (clamped at the ends), giving
 * a continuous non-decreasing map as sklearn's IsotonicRegression does between its thresholds.
 */
export function pavInterpolate(fit: PavResult, x: number): number {
  const m = fit.y.length;
  const c = (k: number) => 0.5 * (fit.xLow[k] + fit.xHigh[k]);
  if (m === 1 || x <= c(0)) return fit.y[0];
  if (x >= c(m - 1)) return fit.y[m - 1];
  let a = 0;
  let b = m - 1;
  while (b - a > 1) {
    const mid = (a + b) >> 1;
    if (c(mid) <= x) a = mid;
    else b = mid;
  }
  const t = (x - c(a)) / (c(b) - c(a));
  return fit.y[a] + t * (fit.y[b] - fit.y[a]);
}
