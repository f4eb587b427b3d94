import { CholeskyDecomposition, inverse, Matrix } from 'ml-matrix';
import { bumpFitError } from './bump-fit-error.js';
import { dijetFeatures, dijetParamCount, type DijetFunction } from './dijet-function.js';
import { dot, leastSquares, levenbergMarquardt, symmetrised, type LmObjective } from './levenberg-marquardt.js';
import { xMinusLog1p } from './x-minus-log1p.js';

/** How the dijet function is fitted to the sideband bins. */
export type FitMethod = 'lsq' | 'poisson';

/** A converged dijet fit: parameters p1..pk, their covariance, and sums of f with propagated errors. */
export interface DijetFit {
  params: number[];
  covariance: number[][];
  /** lsq: sum (N - f)^2/(N + 1); poisson: the deviance 2 sum [f - N + N ln(N/f)] (Baker & Cousins 1984). */
  chi2: number;
  ndf: number;
  iterations: number;
  /** f at each x and the sum of them with its standard deviation sqrt(g^T C g), g = d(sum f)/dp. */
  sum(x: ArrayLike<number>): { values: Float64Array; value: number; sigma: number };
}

/**
 * The fit runs in whitened log-linear coordinates t = L^T q, where q = (ln p1, p2, ..., pk) makes
 * ln f = phi(x) . q linear and L L^T = sum_i (N_i + 1) phi_i phi_i^T: the scale p1 is then as well
 * conditioned as the shape, and the curvature starts close to the identity.
 */
class Whitening {
  readonly linvT: Matrix;
  readonly l00: number;
  constructor(phi: Matrix, weights: Float64Array, source: string) {
    const m = phi.transpose().mulRowVector(Array.from(weights)).mmul(phi);
    const chol = new CholeskyDecomposition(symmetrised(m));
    if (!chol.isPositiveDefinite()) {
      throw bumpFitError('FitFailed', `${source}: the sideband bin centres do not determine the dijet parameters (degenerate design)`, 'Use more, and distinct, sideband bins.');
    }
    const l = chol.lowerTriangularMatrix;
    this.l00 = l.get(0, 0);
    this.linvT = inverse(l).transpose();
  }
  /** Row phi(x) L^-T: the whitened design, ln f = psi . t. */
  psi(phiRow: number[]): Float64Array {
    return Float64Array.from(Matrix.rowVector(phiRow).mmul(this.linvT).getRow(0));
  }
  /** q = L^-T t. */
  q(t: Float64Array): Float64Array {
    return Float64Array.from(this.linvT.mmul(Matrix.columnVector(Array.from(t))).getColumn(0));
  }
}

function outerSum(psi: Float64Array[], w: Float64Array): Matrix {
  const k = psi[0].length;
  const a = new Matrix(k, k);
  for (let r = 0; r < k; r++) {
    for (let c = 0; c <= r; c++) {
      let s = 0;
      for (let i = 0; i < psi.length; i++) s += w[i] * psi[i][r] * psi[i][c];
      a.set(r, c, s);
      a.set(c, r, s);
    }
  }
  return a;
}

function objective(fit: FitMethod, psi: Float64Array[], counts: Float64Array): LmObjective {
  const n = counts.length;
  const k = psi[0].length;
  if (fit === 'lsq') {
    const sigma = counts.map((c) => Math.sqrt(c + 1));
    return leastSquares((t) => {
      const residuals = new Float64Array(n);
      const jacobian = new Matrix(n, k);
      for (let i = 0; i < n; i++) {
        const f = Math.exp(dot(psi[i], t));
        residuals[i] = (counts[i] - f) / sigma[i];
        for (let j = 0; j < k; j++) jacobian.set(i, j, (-f * psi[i][j]) / sigma[i]);
      }
      return { residuals, jacobian };
    });
  }
  // half the Poisson deviance, sum f - N - N ln(f/N) (the NLL up to a constant), each term as
  // N xMinusLog1p((f - N)/N) so that its rounding scales with |f - N|, not N ln N;
  // ln f is linear in t, so the exact Hessian is sum f psi psi^T and the NLL is convex
  return (t) => {
    let cost = 0;
    const gradient = new Float64Array(k);
    const f = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      f[i] = Math.exp(dot(psi[i], t));
      cost += counts[i] > 0 ? counts[i] * xMinusLog1p((f[i] - counts[i]) / counts[i]) : f[i];
      for (let j = 0; j < k; j++) gradient[j] += (f[i] - counts[i]) * psi[i][j];
    }
    return { cost: Number.isFinite(cost) ? cost : Infinity, gradient, curvature: outerSum(psi, f) };
  };
}

/** Start: weighted (N + 1) linear least squares of ln(N + 1) on phi, then the scale p1 set to its best value given the shape. */
function startValues(fit: FitMethod, psi: Float64Array[], counts: Float64Array, l00: number): Float64Array {
  const k = psi[0].length;
  const t = new Float64Array(k);
  counts.forEach((c, i) => psi[i].forEach((p, j) => (t[j] += (c + 1) * Math.log(c + 1) * p)));
  const f = psi.map((p) => Math.exp(dot(p, t)));
  // best scale s for fixed shape: lsq sum w N f / sum w f^2 with w = 1/(N + 1); poisson sum N / sum f
  const num = fit === 'lsq' ? f.reduce((a, fi, i) => a + (counts[i] * fi) / (counts[i] + 1), 0) : counts.reduce((a, c) => a + c, 0);
  const den = fit === 'lsq' ? f.reduce((a, fi, i) => a + (fi * fi) / (counts[i] + 1), 0) : f.reduce((a, fi) => a + fi, 0);
  if (num > 0 && den > 0) t[0] += Math.log(num / den) * l00;
  return t;
}

/**
 * Fit a dijet function to binned counts at x = m/sqrt(s) by Levenberg-Marquardt: weighted least
 * squares with sigma_i = sqrt(N_i + 1) and covariance (J^T W J)^-1 (scipy curve_fit, absolute_sigma),
 * or a Poisson likelihood with covariance the inverse Hessian of the NLL. Throws `FitFailed` when
 * the fit does not converge or its covariance is not finite and positive.
 * @example const fit = fitDijet('dijet3', 'lsq', x, counts, 200); fit.sum(xSr).sigma
 */
export function fitDijet(fn: DijetFunction, fit: FitMethod, x: Float64Array, counts: Float64Array, maxIterations: number, source = 'bump fit'): DijetFit {
  const k = dijetParamCount(fn);
  const phiRow = (xi: number) => [1, ...dijetFeatures(fn, xi)];
  const white = new Whitening(new Matrix(Array.from(x, phiRow)), counts.map((c) => c + 1), source);
  const psi = Array.from(x, (xi) => white.psi(phiRow(xi)));
  const result = levenbergMarquardt(objective(fit, psi, counts), startValues(fit, psi, counts, white.l00), { maxIterations });
  const what = `${source}: the ${fn} ${fit === 'lsq' ? 'least-squares' : 'Poisson-likelihood'} fit`;
  if (!result.converged) {
    throw bumpFitError('FitFailed', `${what} did not converge after ${result.iterations} iteration${result.iterations === 1 ? '' : 's'} (Newton decrement ${result.decrement.toPrecision(3)}, cost ${result.at.cost})`,
      'Raise maxIterations, check the spectrum for empty or spiky sidebands, or try the other --function / --fit.');
  }
  const q = white.q(result.theta);
  const params = [Math.exp(q[0]), ...q.slice(1)];
  const curvatureInverse = inverse(result.at.curvature);
  // C_p = T C_t T^T with T = dp/dt = diag(p1, 1, ...) L^-T (exact at the minimum, where the gradient vanishes)
  const t = white.linvT.clone().mulRow(0, params[0]);
  const covariance = symmetrised(t.mmul(curvatureInverse).mmul(t.transpose())).to2DArray();
  if (!params.every(Number.isFinite) || !covariance.every((row, i) => row.every(Number.isFinite) && row[i] > 0)) {
    throw bumpFitError('FitFailed', `${what} ended at non-finite parameters or covariance at the minimum (p = ${params.join(', ')})`, 'The sidebands do not constrain the function: use more bins or --function dijet3.');
  }
  return {
    params,
    covariance,
    chi2: 2 * result.at.cost,
    ndf: x.length - k,
    iterations: result.iterations,
    sum(xs) {
      const values = new Float64Array(xs.length);
      const g = new Float64Array(k);
      for (let i = 0; i < xs.length; i++) {
        const p = white.psi(phiRow(xs[i]));
        values[i] = Math.exp(dot(p, result.theta));
        p.forEach((pj, j) => (g[j] += values[i] * pj));
      }
      const cg = curvatureInverse.mmul(Matrix.columnVector(Array.from(g))).getColumn(0);
      return { values, value: values.reduce((a, b) => a + b, 0), sigma: Math.sqrt(Math.max(0, dot(g, cg))) };
    },
  };
}
