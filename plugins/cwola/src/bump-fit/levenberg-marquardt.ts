import { CholeskyDecomposition, Matrix } from 'ml-matrix';

/**
 * The objective at one point: its value, gradient and a symmetric positive semi-definite curvature —
 * J^T J for least squares (Gauss-Newton), the Fisher information or exact Hessian for a likelihood.
 * A non-finite cost marks a point outside the domain: the solver rejects the step.
 */
export interface LmEvaluation {
  cost: number;
  gradient: Float64Array;
  curvature: Matrix;
}

/** Evaluates the objective at theta. */
export type LmObjective = (theta: Float64Array) => LmEvaluation;

export interface LmOptions {
  /** Damped steps tried (accepted or not) before giving up; default 200. */
  maxIterations?: number;
  /**
   * Stop when the Newton decrement sqrt(g^T A^-1 g) is below this; default 1e-8. When A is the inverse
   * covariance (least squares with absolute sigma, a likelihood's Hessian) this is the distance to
   * the minimum in standard deviations.
   */
  tolerance?: number;
  /**
   * Also stop when the Newton step changes no coordinate by more than this times the largest |theta|;
   * default 1e-12. With very large counts the decrement cannot reach `tolerance` in float64 (its rounding
   * floor grows like eps sqrt(N)); this is that floor.
   */
  relativeTolerance?: number;
}

export interface LmResult {
  theta: Float64Array;
  /** The objective at theta. */
  at: LmEvaluation;
  converged: boolean;
  iterations: number;
  /** Newton decrement at theta (Infinity where the curvature is singular). */
  decrement: number;
}

/** x solving A x = b for symmetric positive definite A, or null when A is not (numerically) so. */
export function choleskySolve(a: Matrix, b: Float64Array): Float64Array | null {
  if (!a.to1DArray().every(Number.isFinite)) return null;
  const chol = new CholeskyDecomposition(a);
  if (!chol.isPositiveDefinite()) return null;
  const x = Float64Array.from(chol.solve(Matrix.columnVector(Array.from(b))).getColumn(0));
  return x.every(Number.isFinite) ? x : null;
}

/** Σ a_i b_i. */
export function dot(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * b[i];
  return s;
}

/** The undamped (Newton / Gauss-Newton) step's decrement sqrt(g^T A^-1 g) and largest component. */
function newtonStep(e: LmEvaluation): { decrement: number; size: number } {
  const step = choleskySolve(e.curvature, e.gradient);
  if (step === null) return { decrement: Infinity, size: Infinity };
  return { decrement: Math.sqrt(Math.max(0, dot(e.gradient, step))), size: Math.max(...step.map(Math.abs)) };
}

/** A + lambda diag(A) (Marquardt's scale-invariant damping); tiny diagonal entries are floored. */
function damped(a: Matrix, lambda: number): Matrix {
  const out = a.clone();
  const diag = a.diag();
  const floor = 1e-12 * Math.max(...diag.map(Math.abs));
  diag.forEach((d, j) => out.set(j, j, d + lambda * Math.max(d, floor)));
  return out;
}

/**
 * Minimise a smooth cost by Levenberg-Marquardt: solve (A + lambda diag A) delta = -g, accept the step
 * when the cost falls, and update lambda from the gain ratio rho = actual / predicted decrease
 * (Marquardt, SIAM J. Appl. Math. 11 (1963) 431; update of Madsen, Nielsen & Tingleff, "Methods for
 * non-linear least squares problems" (2004), eq. 2.21). Converged when the Newton decrement
 * falls below `tolerance` (or the Newton step below `relativeTolerance`); the result says whether it
 * did rather than throwing.
 * @example const r = levenbergMarquardt(leastSquares(residuals), Float64Array.of(1, 0), { maxIterations: 100 })
 */
export function levenbergMarquardt(objective: LmObjective, theta0: Float64Array, options: LmOptions = {}): LmResult {
  const maxIterations = options.maxIterations ?? 200;
  const tolerance = options.tolerance ?? 1e-8;
  const relativeTolerance = options.relativeTolerance ?? 1e-12;
  let theta = Float64Array.from(theta0);
  let at = objective(theta);
  if (!Number.isFinite(at.cost)) return { theta, at, converged: false, iterations: 0, decrement: Infinity };
  let newton = newtonStep(at);
  const done = () => newton.decrement <= tolerance || newton.size <= relativeTolerance * Math.max(...theta.map(Math.abs));
  let lambda = 1e-3;
  let nu = 2;
  let iterations = 0;
  while (!done() && iterations < maxIterations && lambda < 1e100) {
    iterations++;
    const minusG = at.gradient.map((g) => -g);
    const delta = choleskySolve(damped(at.curvature, lambda), minusG);
    const candidate = delta && theta.map((t, j) => t + delta[j]);
    const next = candidate && objective(candidate);
    const predicted = delta ? dot(minusG, delta) - 0.5 * dot(delta, at.curvature.mmul(Matrix.columnVector(Array.from(delta))).getColumn(0)) : 0;
    const rho = next && Number.isFinite(next.cost) && predicted > 0 ? (at.cost - next.cost) / predicted : -1;
    // near the minimum the predicted decrease drops below the rounding of the cost, and rho is noise:
    // there a step is judged by whether it brings the Newton decrement down
    const belowRounding = next !== null && Number.isFinite(next.cost) && predicted <= 1e-10 * Math.max(1, Math.abs(at.cost));
    const nextNewton = rho <= 0 && belowRounding && next ? newtonStep(next) : null;
    if (candidate && next && (rho > 0 || (nextNewton && nextNewton.decrement < newton.decrement))) {
      theta = candidate;
      at = next;
      newton = nextNewton ?? newtonStep(at);
      lambda *= rho > 0 ? Math.max(1 / 3, 1 - (2 * rho - 1) ** 3) : 1 / 3;
      nu = 2;
    } else {
      lambda *= nu;
      nu *= 2;
    }
  }
  return { theta, at, converged: done(), iterations, decrement: newton.decrement };
}

/** Residuals r(theta) and their Jacobian dr/dtheta (rows: residuals, columns: parameters). */
export type ResidualFunction = (theta: Float64Array) => { residuals: Float64Array; jacobian: Matrix };

/**
 * The least-squares objective 1/2 |r|^2 with gradient J^T r and Gauss-Newton curvature J^T J, from
 * analytic residuals and Jacobian; with r_i = (y_i - f_i)/sigma_i, (J^T J)^-1 at the minimum is the
 * covariance of scipy's curve_fit with absolute_sigma=True.
 * @example levenbergMarquardt(leastSquares((t) => ({ residuals: ..., jacobian: ... })), start)
 */
export function leastSquares(fn: ResidualFunction): LmObjective {
  return (theta) => {
    const { residuals, jacobian } = fn(theta);
    const cost = 0.5 * dot(residuals, residuals);
    const gradient = Float64Array.from(jacobian.transpose().mmul(Matrix.columnVector(Array.from(residuals))).getColumn(0));
    const jtj = jacobian.transpose().mmul(jacobian);
    return { cost: Number.isFinite(cost) ? cost : Infinity, gradient, curvature: symmetrised(jtj) };
  };
}

/** (A + A^T)/2, exactly symmetric as ml-matrix's Cholesky requires. */
export function symmetrised(a: Matrix): Matrix {
  const out = a.clone();
  for (let i = 0; i < a.rows; i++) {
    for (let j = 0; j < i; j++) {
      const v = 0.5 * (a.get(i, j) + a.get(j, i));
      out.set(i, j, v);
      out.set(j, i, v);
    }
  }
  return out;
}
