import type { Objective } from './histfactory-model.js';

/**
 * Hessian of the NLL restricted to the parameters `idx`, by central differences of the analytic
 * gradient, H_ij = (g_j(x + h e_i) - g_j(x - h e_i)) / 2h with h = 1e-5 max(1, |x_i|) (one-sided next
 * to a bound), then symmetrised. Error ~ h^2 |g'''| + eps |g| / h, about 1e-9 relative here.
 * @example const h = numericalHessian(model.objective(data), x, lower, upper, [0, 1, 2]);
 */
export function numericalHessian(
  obj: Objective,
  x: Float64Array,
  lower: Float64Array,
  upper: Float64Array,
  idx: readonly number[],
): Float64Array[] {
  const m = idx.length;
  const n = x.length;
  const gp = new Float64Array(n);
  const gm = new Float64Array(n);
  const xs = x.slice();
  const h: Float64Array[] = Array.from({ length: m }, () => new Float64Array(m));
  for (let a = 0; a < m; a++) {
    const i = idx[a];
    const step = 1e-5 * Math.max(1, Math.abs(x[i]));
    const up = x[i] + step <= upper[i];
    const dn = x[i] - step >= lower[i];
    const hi = up ? x[i] + step : x[i];
    const lo = dn ? x[i] - step : x[i];
    xs[i] = hi;
    obj.gradient(xs, gp);
    xs[i] = lo;
    obj.gradient(xs, gm);
    xs[i] = x[i];
    const width = hi - lo;
    for (let b = 0; b < m; b++) h[a][b] = (gp[idx[b]] - gm[idx[b]]) / width;
  }
  for (let a = 0; a < m; a++) {
    for (let b = 0; b < a; b++) {
      const s = 0.5 * (h[a][b] + h[b][a]);
      h[a][b] = s;
      h[b][a] = s;
    }
  }
  return h;
}
