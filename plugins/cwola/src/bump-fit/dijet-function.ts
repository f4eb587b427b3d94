import { bumpFitError } from './bump-fit-error.js';

/** The dijet background functions of the CWoLa-hunting analysis (Collins, Howe, Nachman 1902.02634). */
export type DijetFunction = 'dijet3' | 'dijet4';

/** Every `DijetFunction`, for option parsing. */
export const DIJET_FUNCTIONS = ['dijet3', 'dijet4'] as const satisfies readonly DijetFunction[];

/** Number of parameters p1..pk. */
export function dijetParamCount(fn: DijetFunction): number {
  return fn === 'dijet3' ? 3 : 4;
}

/**
 * The shape terms phi_k(x) with ln f = ln p1 + sum_k p_(k+1) phi_k(x): [ln(1-x), -ln x] for dijet3,
 * plus -ln^2 x for dijet4. Linear in the parameters after the log, which gives the start values, the
 * analytic Jacobian (df/dp_(k+1) = f phi_k) and a convex Poisson NLL.
 * @example dijetFeatures('dijet3', 0.5) // [-0.693..., 0.693...]
 */
export function dijetFeatures(fn: DijetFunction, x: number): number[] {
  const lx = Math.log(x);
  return fn === 'dijet3' ? [Math.log1p(-x), -lx] : [Math.log1p(-x), -lx, -lx * lx];
}

/**
 * The dijet function at mass m (GeV): dijet3 f = p1 (1-x)^p2 x^-p3, dijet4 f = p1 (1-x)^p2 x^-(p3 + p4 ln x),
 * x = m/sqrt(s), the standard dijet background fit (as in CWoLa hunting, 1902.02634). With p1 in
 * counts per bin and m a bin centre, f is the expected count of that bin.
 * @example dijetShape('dijet3', 3000, [12, 10, 5], 13000) // ≈ 1330 counts
 */
export function dijetShape(fn: DijetFunction, m: number, params: readonly number[], sqrtS: number): number {
  const k = dijetParamCount(fn);
  if (params.length !== k) {
    throw bumpFitError('InvalidArgument', `dijetShape: ${fn} takes ${k} parameters p1..p${k}, got ${params.length}`, `Pass [p1, ..., p${k}].`);
  }
  const x = m / sqrtS;
  if (!(x > 0 && x < 1)) {
    throw bumpFitError('InvalidArgument', `dijetShape: m/sqrt(s) = ${m}/${sqrtS} is not in (0, 1)`, 'The dijet function is defined for 0 < m < sqrt(s).');
  }
  const phi = dijetFeatures(fn, x);
  let eta = 0;
  for (let j = 0; j < phi.length; j++) eta += params[j + 1] * phi[j];
  return params[0] * Math.exp(eta);
}
