/** Mean vector and covariance matrix (row-major d x d) of a weighted sample. */
export interface Moments {
  d: number;
  mean: Float64Array;
  cov: Float64Array;
  /** Sum of weights and Kish effective size (sum w)^2 / sum w^2 (= n for unit weights). */
  sumW: number;
  nEff: number;
}

/**
 * Running sums sum w, sum w^2, sum w x, sum w x x^T (upper triangle) that add up over chunks of
 * events, so the moments of any union of chunks cost O(d^2) per chunk instead of O(n d^2).
 */
export class MomentSums {
  readonly d: number;
  sw = 0;
  sw2 = 0;
  readonly s1: Float64Array;
  readonly s2: Float64Array;

  constructor(d: number) {
    this.d = d;
    this.s1 = new Float64Array(d);
    this.s2 = new Float64Array((d * (d + 1)) / 2);
  }

  /** Add one event (row `x` from offset `o`) with weight `w`. */
  addRow(x: Float64Array, o: number, w: number): void {
    const { d, s1, s2 } = this;
    this.sw += w;
    this.sw2 += w * w;
    let t = 0;
    for (let a = 0; a < d; a++) {
      const wa = w * x[o + a];
      s1[a] += wa;
      for (let b = a; b < d; b++) s2[t++] += wa * x[o + b];
    }
  }

  /** Add another sum (a chunk) into this one. */
  addSums(other: MomentSums): void {
    this.sw += other.sw;
    this.sw2 += other.sw2;
    for (let a = 0; a < this.s1.length; a++) this.s1[a] += other.s1[a];
    for (let a = 0; a < this.s2.length; a++) this.s2[a] += other.s2[a];
  }

  reset(): void {
    this.sw = 0;
    this.sw2 = 0;
    this.s1.fill(0);
    this.s2.fill(0);
  }

  /**
   * Weighted mean and unbiased ("reliability") covariance,
   * C = (sum w x x^T - sum w * mu mu^T) / (sum w - sum w^2 / sum w); for unit weights the usual 1/(n-1).
   */
  moments(): Moments {
    const { d, sw, sw2, s1, s2 } = this;
    const mean = new Float64Array(d);
    for (let a = 0; a < d; a++) mean[a] = s1[a] / sw;
    const norm = sw - sw2 / sw;
    const cov = new Float64Array(d * d);
    let t = 0;
    for (let a = 0; a < d; a++) {
      for (let b = a; b < d; b++) {
        const c = (s2[t++] - sw * mean[a] * mean[b]) / norm;
        cov[a * d + b] = c;
        cov[b * d + a] = c;
      }
    }
    return { d, mean, cov, sumW: sw, nEff: (sw * sw) / sw2 };
  }
}

/**
 * Weighted mean and covariance of the rows of a row-major [n, d] matrix.
 * @example const { mean, cov } = sampleMoments(new Float64Array([0, 0, 2, 2]), 2); // mean [1, 1], cov [[2, 2], [2, 2]]
 */
export function sampleMoments(data: Float64Array, d: number, weights?: Float64Array): Moments {
  const sums = new MomentSums(d);
  const n = data.length / d;
  for (let i = 0; i < n; i++) sums.addRow(data, i * d, weights ? weights[i] : 1);
  return sums.moments();
}
