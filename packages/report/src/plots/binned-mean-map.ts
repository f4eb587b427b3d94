import { uniformEdges } from './weighted-histogram.js';

/** Range [min, max] of the finite entries of a column. */
function finiteRange(v: ArrayLike<number>): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < v.length; i++) {
    if (!Number.isFinite(v[i])) continue;
    lo = Math.min(lo, v[i]);
    hi = Math.max(hi, v[i]);
  }
  return hi > lo ? [lo, hi] : [lo - 0.5, lo + 0.5];
}

/**
 * Weighted mean of z in each cell of a uniform nx × ny grid over the range of (x, y):
 * z̄_c = Σ_{i∈c} w_i z_i / Σ_{i∈c} w_i (NaN for empty cells), x-major layout for `heatmapPlot`.
 */
export function binnedMeanMap(x: ArrayLike<number>, y: ArrayLike<number>, z: ArrayLike<number>, nx = 30, ny = 30, weights?: ArrayLike<number>): { xEdges: Float64Array; yEdges: Float64Array; values: Float64Array } {
  const [x0, x1] = finiteRange(x);
  const [y0, y1] = finiteRange(y);
  const sw = new Float64Array(nx * ny);
  const swz = new Float64Array(nx * ny);
  for (let i = 0; i < x.length; i++) {
    const ix = Math.min(nx - 1, Math.floor(((x[i] - x0) / (x1 - x0)) * nx));
    const iy = Math.min(ny - 1, Math.floor(((y[i] - y0) / (y1 - y0)) * ny));
    if (!(ix >= 0 && iy >= 0) || !Number.isFinite(z[i])) continue;
    const w = weights ? weights[i] : 1;
    sw[ix * ny + iy] += w;
    swz[ix * ny + iy] += w * z[i];
  }
  const values = swz.map((s, c) => (sw[c] !== 0 ? s / sw[c] : Number.NaN));
  return { xEdges: uniformEdges(x0, x1, nx), yEdges: uniformEdges(y0, y1, ny), values };
}
