import { CholeskyDecomposition, Matrix, inverse } from 'ml-matrix';
import type { FitConfig } from './fit-config.js';
import type { HistFactoryModel } from './histfactory-model.js';
import { numericalHessian } from './numerical-hessian.js';

/** Covariance of the free parameters at a minimum, and whether it is positive definite. */
export interface HesseResult {
  /** nPars x nPars; rows and columns of fixed parameters are zero. */
  covariance: number[][];
  /** sqrt(diag(covariance)); 0 for fixed parameters. */
  uncertainties: number[];
  correlation: number[][];
  /** False when the Hessian is not positive definite (uncertainties then come from a plain inverse and may be NaN). */
  valid: boolean;
}

/**
 * Hesse uncertainties: covariance V = H^-1 with H_ij = d^2(-log L)/dtheta_i dtheta_j at the minimum
 * over the non-fixed parameters (as MINUIT's HESSE), correlation rho_ij = V_ij / sqrt(V_ii V_jj).
 * @example const { uncertainties } = hesse(model, data, bestfit, fitConfig(model));
 */
export function hesse(model: HistFactoryModel, data: ArrayLike<number>, pars: Float64Array, cfg: FitConfig): HesseResult {
  const n = model.nPars;
  const free: number[] = [];
  for (let i = 0; i < n; i++) if (!cfg.fixed[i]) free.push(i);
  const h = numericalHessian(model.objective(data), pars, cfg.lower, cfg.upper, free);
  const hm = new Matrix(h.map((row) => Array.from(row)));
  let valid = free.length > 0;
  let inv: Matrix;
  if (free.length === 0) inv = new Matrix(0, 0);
  else {
    const chol = new CholeskyDecomposition(hm);
    valid = chol.isPositiveDefinite();
    inv = valid ? chol.solve(Matrix.eye(free.length)) : inverse(hm, true);
  }
  const covariance = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  free.forEach((i, a) => free.forEach((j, b) => (covariance[i][j] = inv.get(a, b))));
  const uncertainties = covariance.map((row, i) => (cfg.fixed[i] ? 0 : Math.sqrt(row[i])));
  const correlation = covariance.map((row, i) =>
    row.map((v, j) => (i === j ? 1 : cfg.fixed[i] || cfg.fixed[j] ? 0 : v / (uncertainties[i] * uncertainties[j]))),
  );
  return { covariance, uncertainties, correlation, valid };
}
