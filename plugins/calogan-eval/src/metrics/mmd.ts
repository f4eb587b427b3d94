import { HepuqError } from '@hepuq/core';
import { forEachTile, tileMatrix } from '../knn/distance-tiles.js';
import { PLUGIN_NAME } from '../plugin-meta.js';
import { monomialBasis, monomialCount, monomialSums } from './poly-kernel-moments.js';

/** A batch: row indices into a row-major [n, d] matrix with optional weights. */
export interface MmdBatch {
  data: Float64Array;
  rows: ArrayLike<number>;
  weights?: Float64Array;
}

export type MmdAlgorithm = 'auto' | 'moments' | 'direct';

/** Kernel sums S_xy = sum_ij w_i v_j k(x_i, y_j) (with i = j terms) for the polynomial kernel. */
interface KernelSums {
  xx: number;
  yy: number;
  xy: number;
}

/** Polynomial kernel k(x, y) = (x.y/d + 1)^p of two rows. */
function polyKernel(a: Float64Array, ao: number, b: Float64Array, bo: number, d: number, degree: number): number {
  let dot = 0;
  for (let k = 0; k < d; k++) dot += a[ao + k] * b[bo + k];
  return (dot / d + 1) ** degree;
}

/** sum_ij w_i v_j k(x_i, y_j) by blocked dot products (x.y = (|x|^2 + |y|^2 - |x - y|^2)/2 from the distance tiles). */
function directSum(x: MmdBatch, y: MmdBatch, d: number, degree: number): number {
  const a = tileMatrix(x.data, d, x.rows);
  const b = tileMatrix(y.data, d, y.rows);
  let s = 0;
  forEachTile(a, b, (i0, rows, j0, cols, tile, stride) => {
    for (let r = 0; r < rows; r++) {
      const i = i0 + r;
      let row = 0;
      for (let c = 0; c < cols; c++) {
        const j = j0 + c;
        const base = (a.norms[i] + b.norms[j] - tile[r * stride + c]) / (2 * d) + 1;
        let k = base;
        for (let p = 1; p < degree; p++) k *= base;
        row += (y.weights ? y.weights[y.rows[j]] : 1) * k;
      }
      s += (x.weights ? x.weights[x.rows[i]] : 1) * row;
    }
  });
  return s;
}

function momentSums(x: MmdBatch, y: MmdBatch, d: number, degree: number): KernelSums {
  const basis = monomialBasis(d, degree);
  const mx = monomialSums(x.data, x.rows, x.weights, basis);
  const my = monomialSums(y.data, y.rows, y.weights, basis);
  let xx = 0, yy = 0, xy = 0;
  for (let m = 0; m < basis.size; m++) {
    const c = basis.coef[m];
    xx += c * mx[m] * mx[m];
    yy += c * my[m] * my[m];
    xy += c * mx[m] * my[m];
  }
  return { xx, yy, xy };
}

/** sum_i w_i^2 k(x_i, x_i) and (sum w)^2 - sum w^2 of a batch. */
function diagonal(x: MmdBatch, d: number, degree: number): { diag: number; sumW: number; pairs: number } {
  let diag = 0, sw = 0, sw2 = 0;
  for (let r = 0; r < x.rows.length; r++) {
    const i = x.rows[r];
    const w = x.weights ? x.weights[i] : 1;
    sw += w;
    sw2 += w * w;
    diag += w * w * polyKernel(x.data, i * d, x.data, i * d, d, degree);
  }
  return { diag, sumW: sw, pairs: sw * sw - sw2 };
}

/**
 * Unbiased MMD^2 with the polynomial kernel k(x, y) = (x.y/d + 1)^degree — Gretton et al. JMLR 13
 * (2012) eq. 3; Binkowski et al. 1801.01401 (KID); Kansal et al. 2211.10295 (KPD):
 * MMD^2_u = sum_{i!=j} k(x_i,x_j)/(m(m-1)) + sum_{i!=j} k(y_i,y_j)/(n(n-1)) - 2 sum_ij k(x_i,y_j)/(mn),
 * with weights as the weighted U-statistic (pair weights w_i w_j, normalised by (sum w)^2 - sum w^2).
 * `moments` evaluates the kernel sums exactly through the multinomial expansion
 * sum_ij k(x_i, y_j) = sum_alpha coef_alpha (sum_i x_i^alpha)(sum_j y_j^alpha), costing
 * O((m + n) C(d + p, p)) instead of the O((m + n)^2 d) of `direct`; `auto` picks the cheaper.
 * @example mmdPolyUnbiased({ data: x, rows: [0, 1, 2] }, { data: y, rows: [0, 1, 2] }, 2) // d = 2 features
 */
export function mmdPolyUnbiased(x: MmdBatch, y: MmdBatch, d: number, degree = 3, algorithm: MmdAlgorithm = 'auto'): number {
  if (!Number.isInteger(degree) || degree < 1) throw new HepuqError('InvalidArgument', `kpd: kernel degree must be a positive integer, got ${degree}`, { plugin: PLUGIN_NAME });
  const m = x.rows.length;
  const n = y.rows.length;
  if (m < 2 || n < 2) throw new HepuqError('EmptyDataset', `kpd: a batch needs at least 2 events, got ${m} and ${n}`, { plugin: PLUGIN_NAME });
  const useMoments = algorithm === 'moments' || (algorithm === 'auto' && (m + n) * 2 * monomialCount(d, degree) < (m * m + n * n + m * n) * (d + 4));
  const sums: KernelSums = useMoments
    ? momentSums(x, y, d, degree)
    : { xx: directSum(x, x, d, degree), yy: directSum(y, y, d, degree), xy: directSum(x, y, d, degree) };
  const dx = diagonal(x, d, degree);
  const dy = diagonal(y, d, degree);
  return (sums.xx - dx.diag) / dx.pairs + (sums.yy - dy.diag) / dy.pairs - (2 * sums.xy) / (dx.sumW * dy.sumW);
}
