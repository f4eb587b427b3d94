/**
 * The inverse of an increasing function known on a grid, y = f^-1(x), by monotone piecewise-cubic
 * Hermite interpolation of the points (x_k, y_k) (PCHIP: Fritsch & Carlson, SIAM J. Numer. Anal. 17
 * (1980) 238, with the weighted-harmonic-mean slopes of Fritsch & Butland 1984 and SciPy's
 * shape-preserving end slopes): monotone and continuously differentiable, so the inverse and its
 * derivative dy/dx (for the propagated uncertainties) are single-valued. `x` must rise strictly.
 * @example const inv = MonotoneInverse.of(xGrid, yGrid); inv.at(42) // { y, dydx }
 */
export class MonotoneInverse {
  private constructor(
    readonly x: Float64Array,
    readonly y: Float64Array,
    /** dy/dx at each node. */
    readonly slope: Float64Array,
    readonly outside: 'extrapolate' | 'clamp',
    /** dy/dx beyond the ends: the secants of the end intervals (positive for a rising grid, unlike a shape-limited node slope). */
    private readonly endSecants: [number, number],
  ) {}

  /** The interpolant through (x_k, y_k), n >= 2; `outside` says what lies beyond the ends (linear continuation with the end secants, or the end values). */
  static of(x: ArrayLike<number>, y: ArrayLike<number>, outside: 'extrapolate' | 'clamp' = 'extrapolate'): MonotoneInverse {
    const n = x.length;
    const xs = Float64Array.from(x);
    const ys = Float64Array.from(y);
    const h = Float64Array.from({ length: n - 1 }, (_, k) => xs[k + 1] - xs[k]);
    const d = Float64Array.from({ length: n - 1 }, (_, k) => (ys[k + 1] - ys[k]) / h[k]);
    const m = new Float64Array(n);
    const ends: [number, number] = [d[0], d[n - 2]];
    if (n === 2) {
      m[0] = d[0];
      m[1] = d[0];
      return new MonotoneInverse(xs, ys, m, outside, ends);
    }
    for (let k = 1; k < n - 1; k++) {
      if (d[k - 1] * d[k] <= 0) continue;
      const w1 = 2 * h[k] + h[k - 1];
      const w2 = h[k] + 2 * h[k - 1];
      m[k] = (w1 + w2) / (w1 / d[k - 1] + w2 / d[k]);
    }
    m[0] = endSlope(h[0], h[1], d[0], d[1]);
    m[n - 1] = endSlope(h[n - 2], h[n - 3], d[n - 2], d[n - 3]);
    return new MonotoneInverse(xs, ys, m, outside, ends);
  }

  /** y = f^-1(x) and dy/dx at `x`. */
  at(x: number): { y: number; dydx: number } {
    const n = this.x.length;
    if (x <= this.x[0] || x >= this.x[n - 1]) {
      const k = x <= this.x[0] ? 0 : n - 1;
      const dydx = this.endSecants[k === 0 ? 0 : 1];
      return { y: this.outside === 'clamp' ? this.y[k] : this.y[k] + dydx * (x - this.x[k]), dydx };
    }
    let lo = 0;
    let hi = n - 1;
    while (hi - lo > 1) {
      const mid = (lo + hi) >> 1;
      if (this.x[mid] <= x) lo = mid;
      else hi = mid;
    }
    const h = this.x[hi] - this.x[lo];
    const t = (x - this.x[lo]) / h;
    const [y0, y1, m0, m1] = [this.y[lo], this.y[hi], this.slope[lo] * h, this.slope[hi] * h];
    const t2 = t * t;
    const t3 = t2 * t;
    const y = (2 * t3 - 3 * t2 + 1) * y0 + (t3 - 2 * t2 + t) * m0 + (-2 * t3 + 3 * t2) * y1 + (t3 - t2) * m1;
    const dydt = (6 * t2 - 6 * t) * y0 + (3 * t2 - 4 * t + 1) * m0 + (-6 * t2 + 6 * t) * y1 + (3 * t2 - 2 * t) * m1;
    return { y, dydx: dydt / h };
  }

  /** Whether `x` lies outside the range of the grid (extrapolated or clamped). */
  outsideRange(x: number): boolean {
    return x < this.x[0] || x > this.x[this.x.length - 1];
  }
}

/** SciPy's three-point end slope, kept to the sign of the end interval and at most 3 times its secant. */
function endSlope(h0: number, h1: number, d0: number, d1: number): number {
  const m = ((2 * h0 + h1) * d0 - h0 * d1) / (h0 + h1);
  if (Math.sign(m) !== Math.sign(d0)) return 0;
  if (Math.sign(d0) !== Math.sign(d1) && Math.abs(m) > Math.abs(3 * d0)) return 3 * d0;
  return m;
}
