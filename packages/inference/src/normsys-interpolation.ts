import { Matrix, solve } from 'ml-matrix';

/** normsys interpolation codes (HistFactory InterpCode): 0 linear, 1 exponential, 4 polynomial + exponential (pyhf default). */
export type NormsysCode = 'code0' | 'code1' | 'code4';

/**
 * Coefficients a1..a6 of the code-4 polynomial 1 + sum_i a_i alpha^i on |alpha| < 1, fixed by matching
 * value, first and second derivative of hi^alpha at alpha = 1 and of lo^-alpha at alpha = -1
 * (HistFactory InterpCode 4, ROOT PiecewiseInterpolation; pyhf `interpolators/code4`).
 */
export function code4Coefficients(lo: number, hi: number): Float64Array {
  const lnHi = Math.log(hi);
  const lnLo = Math.log(lo);
  // rows: f(1), f(-1), f'(1), f'(-1), f''(1), f''(-1) of sum_i a_i alpha^i
  const rows: number[][] = [];
  for (const x of [1, -1]) rows.push([1, 2, 3, 4, 5, 6].map((i) => x ** i));
  for (const x of [1, -1]) rows.push([1, 2, 3, 4, 5, 6].map((i) => i * x ** (i - 1)));
  for (const x of [1, -1]) rows.push([1, 2, 3, 4, 5, 6].map((i) => i * (i - 1) * (i >= 2 ? x ** (i - 2) : 0)));
  const a = new Matrix(rows);
  // targets: hi^1 - 1, lo^1 - 1, d/da hi^a = hi ln hi, d/da lo^-a = -lo ln lo, second derivatives
  const b = Matrix.columnVector([hi - 1, lo - 1, hi * lnHi, -lo * lnLo, hi * lnHi * lnHi, lo * lnLo * lnLo]);
  return Float64Array.from(solve(a, b).to1DArray());
}

/**
 * The multiplicative factor of one normsys modifier as a function of its nuisance parameter alpha
 * (standard normal constraint), with its derivative for the gradient of the likelihood.
 * - code0: 1 + alpha (hi - 1) for alpha >= 0, 1 + alpha (1 - lo) below;
 * - code1: hi^alpha for alpha >= 0, lo^-alpha below;
 * - code4: code1 outside |alpha| < 1, a 6th-order polynomial inside (smooth to second order).
 * @example new NormsysInterpolator(0.9, 1.1, 'code1').factor(1) // 1.1
 */
export class NormsysInterpolator {
  private readonly lnHi: number;
  private readonly lnLo: number;
  private readonly coef: Float64Array | null;

  constructor(readonly lo: number, readonly hi: number, readonly code: NormsysCode) {
    this.lnHi = Math.log(hi);
    this.lnLo = Math.log(lo);
    this.coef = code === 'code4' ? code4Coefficients(lo, hi) : null;
  }

  /** Factor f(alpha) multiplying the sample. */
  factor(alpha: number): number {
    if (this.code === 'code0') return alpha >= 0 ? 1 + alpha * (this.hi - 1) : 1 + alpha * (1 - this.lo);
    if (this.coef && alpha < 1 && alpha > -1) {
      const c = this.coef;
      return 1 + alpha * (c[0] + alpha * (c[1] + alpha * (c[2] + alpha * (c[3] + alpha * (c[4] + alpha * c[5])))));
    }
    return alpha >= 0 ? Math.exp(alpha * this.lnHi) : Math.exp(-alpha * this.lnLo);
  }

  /** Derivative df/dalpha. */
  slope(alpha: number): number {
    if (this.code === 'code0') return alpha >= 0 ? this.hi - 1 : 1 - this.lo;
    if (this.coef && alpha < 1 && alpha > -1) {
      const c = this.coef;
      return c[0] + alpha * (2 * c[1] + alpha * (3 * c[2] + alpha * (4 * c[3] + alpha * (5 * c[4] + alpha * 6 * c[5]))));
    }
    return alpha >= 0 ? this.lnHi * Math.exp(alpha * this.lnHi) : -this.lnLo * Math.exp(-alpha * this.lnLo);
  }
}
