import { brentMinimize } from '@hepuq/stats';
import { brentRoot, linspace, normalLogPdf, poissonLogPdf } from '@hepuq/inference';
import type { Templates } from './template-sample.js';

/** One grid point: the observed histogram and the templates, all scored with the classifier input at z. */
export interface GridPoint extends Templates {
  z: number;
  observed: Float64Array;
}

/** The systaware grid fit: profile over the discrete Z grid, mu continuous. */
export interface GridProfile {
  mu_hat: number;
  /** Delta(-2 ln L) = 1 crossings of the Z-profiled likelihood; null where the mu range ends first. */
  mu_interval: [number | null, number | null];
  /** Vertex of the parabola through min_mu(-2 ln L) at the best grid value and its neighbours (the grid value at an edge). */
  z_hat: number;
  z_hat_grid: number;
  zGrid: number[];
  /** Delta(-2 ln L)(mu_i, z_j) relative to the global minimum, on the mu scan grid (rows) by zGrid (columns). */
  nll: { mu: number[]; delta_twice_nll: number[][] };
  /** The Z-profiled curve min_j Delta(-2 ln L)(mu_i, z_j). */
  profile: { mu: number[]; delta_twice_nll: number[] };
}

/**
 * -2 ln L(mu, z_k) = -2 [sum_b ln Pois(n_b | mu S_b(z_k) + B_b(z_k)) + ln N((z_k - z0)/sigma_z | 0, 1)]
 * — Ghosh, Nachman & Whiteson 2105.08742, eq. 4 on a grid of Z (the systaware toy's NLL table).
 * @example twiceNllAt(point, 1, 0.785, 0.5)
 */
export function twiceNllAt(p: GridPoint, mu: number, zNominal: number, zStd: number): number {
  let ll = normalLogPdf((p.z - zNominal) / zStd, 0, 1);
  for (let b = 0; b < p.observed.length; b++) ll += poissonLogPdf(p.observed[b], Math.max(mu * p.signal[b] + p.background[b], 1e-300));
  return -2 * ll;
}

/**
 * Profile the likelihood over the Z grid: at each z_k the exact conditional minimum in mu (Brent on
 * [mu.lo, mu.hi]; -2 ln L is convex in mu), then mu_hat, z_hat and the Delta(-2 ln L) = 1 interval of
 * P(mu) = min_k -2 ln L(mu, z_k) (Wilks, chi^2_1).
 * @example const g = gridProfile(points, { zNominal: 0.785, zStd: 0.5, mu: { lo: 0, hi: 3, points: 31 } })
 */
export function gridProfile(points: readonly GridPoint[], c: { zNominal: number; zStd: number; mu: { lo: number; hi: number; points: number } }): GridProfile {
  const f = (mu: number, k: number): number => twiceNllAt(points[k], mu, c.zNominal, c.zStd);
  const minima = points.map((_, k) => brentMinimize((mu) => f(mu, k), c.mu.lo, c.mu.hi, 1e-9));
  const best = minima.reduce((bi, m, k) => (m.fx < minima[bi].fx ? k : bi), 0);
  const fMin = minima[best].fx;
  const muHat = minima[best].x;
  const profile = (mu: number): number => Math.min(...points.map((_, k) => f(mu, k))) - fMin;
  const crossing = (a: number, b: number): number | null => (profile(b) > 1 ? brentRoot((mu) => profile(mu) - 1, a, b, { atol: 1e-9 }) : null);
  const muGrid = linspace(c.mu.lo, c.mu.hi, c.mu.points);
  const table = muGrid.map((mu) => points.map((_, k) => f(mu, k) - fMin));
  const zs = points.map((p) => p.z);
  return {
    mu_hat: muHat,
    mu_interval: [muHat > c.mu.lo ? crossing(muHat, c.mu.lo) : null, muHat < c.mu.hi ? crossing(muHat, c.mu.hi) : null],
    z_hat: parabolaVertex(zs, minima.map((m) => m.fx), best),
    z_hat_grid: zs[best],
    zGrid: zs,
    nll: { mu: muGrid, delta_twice_nll: table },
    profile: { mu: muGrid, delta_twice_nll: table.map((row) => Math.min(...row)) },
  };
}

/** Abscissa of the vertex of the parabola through (x_{k-1}, y_{k-1}), (x_k, y_k), (x_{k+1}, y_{k+1}), kept within them; x_k at an edge. */
function parabolaVertex(x: readonly number[], y: readonly number[], k: number): number {
  if (k === 0 || k === x.length - 1) return x[k];
  const [x0, x1, x2] = [x[k - 1], x[k], x[k + 1]];
  const [y0, y1, y2] = [y[k - 1], y[k], y[k + 1]];
  const num = (x1 - x0) ** 2 * (y1 - y2) - (x1 - x2) ** 2 * (y1 - y0);
  const den = (x1 - x0) * (y1 - y2) - (x1 - x2) * (y1 - y0);
  if (!(Math.abs(den) > 0)) return x1;
  return Math.min(x2, Math.max(x0, x1 - 0.5 * num / den));
}
