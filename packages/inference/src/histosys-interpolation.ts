/** histosys interpolation codes: 0 piecewise linear, 4p polynomial inside |alpha| < 1 + linear outside (pyhf default). */
export type HistosysCode = 'code0' | 'code4p';

/**
 * The additive shift delta_b(alpha) of one histosys modifier on each bin of a sample, with
 * dup = hi - nom and ddn = nom - lo per bin:
 * - code0: alpha * dup for alpha >= 0, alpha * ddn below (HistFactory InterpCode 0);
 * - code4p: linear outside |alpha| <= 1, inside
 *   alpha S + A (15 alpha^2 - 10 alpha^4 + 3 alpha^6) with S = (dup + ddn)/2, A = (dup - ddn)/16,
 *   which matches value and first two derivatives at |alpha| = 1 (pyhf `interpolators/code4p`).
 * @example new HistosysInterpolator([9], [10], [12], 'code0').delta(1, 0) // 2
 */
export class HistosysInterpolator {
  private readonly up: Float64Array;
  private readonly dn: Float64Array;
  private readonly s: Float64Array;
  private readonly a: Float64Array;

  constructor(lo: ArrayLike<number>, nom: ArrayLike<number>, hi: ArrayLike<number>, readonly code: HistosysCode) {
    const n = nom.length;
    this.up = new Float64Array(n);
    this.dn = new Float64Array(n);
    this.s = new Float64Array(n);
    this.a = new Float64Array(n);
    for (let b = 0; b < n; b++) {
      this.up[b] = hi[b] - nom[b];
      this.dn[b] = nom[b] - lo[b];
      this.s[b] = 0.5 * (this.up[b] + this.dn[b]);
      this.a[b] = 0.0625 * (this.up[b] - this.dn[b]);
    }
  }

  /** Shift of bin b at alpha. */
  delta(alpha: number, b: number): number {
    if (this.code === 'code0') return alpha >= 0 ? alpha * this.up[b] : alpha * this.dn[b];
    if (alpha > 1) return alpha * this.up[b];
    if (alpha < -1) return alpha * this.dn[b];
    const a2 = alpha * alpha;
    return alpha * this.s[b] + this.a[b] * a2 * (15 + a2 * (-10 + 3 * a2));
  }

  /** d delta_b / d alpha. */
  slope(alpha: number, b: number): number {
    if (this.code === 'code0') return alpha >= 0 ? this.up[b] : this.dn[b];
    if (alpha > 1) return this.up[b];
    if (alpha < -1) return this.dn[b];
    const a2 = alpha * alpha;
    return this.s[b] + this.a[b] * alpha * (30 + a2 * (-40 + 18 * a2));
  }
}
