import * as tf from '@tensorflow/tfjs';
import { HepuqError, parseOrThrow, z } from '@hepuq/core';
import { equalMassBins } from '@hepuq/stats';

/** Options of `modePenalty`. */
export const ModePenaltyOptions = z
  .object({
    /** Highest Legendre order of the allowed m-dependence: 0 = flat, 1 = linear, 2 = quadratic. */
    order: z.union([z.literal(0), z.literal(1), z.literal(2)]).default(0),
    /** Equal-population bins in m (per batch). */
    bins: z.number().int().min(2).max(1000).default(16),
    /** Grid of score values s (midpoints of scoreBins bins on [0, 1]) the CDFs are compared at. */
    scoreBins: z.number().int().min(2).max(1000).default(32),
    /** Width tau of the smooth step sigmoid((s - score) / tau) that makes the CDF differentiable; default 1 / (2 scoreBins). */
    temperature: z.number().finite().positive().optional(),
  })
  .strict();
export type ModePenaltyOptions = z.input<typeof ModePenaltyOptions>;

/** Legendre polynomials P_0..P_order at t in [-1, 1]. */
function legendre(t: number, order: number): number[] {
  return [1, t, 0.5 * (3 * t * t - 1)].slice(0, order + 1);
}

/** Solve the small symmetric system G a = r (Gaussian elimination with partial pivoting; G is at most 3 x 3). */
function solve(g: number[][], r: number[]): number[] {
  const k = r.length;
  const a = g.map((row, i) => [...row, r[i]]);
  for (let c = 0; c < k; c++) {
    let piv = c;
    for (let i = c + 1; i < k; i++) if (Math.abs(a[i][c]) > Math.abs(a[piv][c])) piv = i;
    [a[c], a[piv]] = [a[piv], a[c]];
    for (let i = c + 1; i < k; i++) {
      const f = a[i][c] / a[c][c];
      for (let j = c; j <= k; j++) a[i][j] -= f * a[c][j];
    }
  }
  const x = new Array<number>(k).fill(0);
  for (let i = k - 1; i >= 0; i--) {
    let s = a[i][k];
    for (let j = i + 1; j < k; j++) s -= a[i][j] * x[j];
    x[i] = s / a[i][i];
  }
  return x;
}

interface MassBinning {
  /** [N, B]: w_i / W_b for event i in bin b, else 0. */
  membership: Float32Array;
  /** [B, B]: (I - H)^T, H the rho-weighted least-squares projection on polynomials of degree <= order in m. */
  residualT: Float32Array;
  /** [B]: rho_b = W_b / W. */
  rho: Float32Array;
  nBins: number;
}

/** Equal-population m bins over the events with w != 0, their centres in [-1, 1] and the projection residual. */
function massBinning(m: Float32Array, w: Float32Array, bins: number, order: number): MassBinning {
  const sel: number[] = [];
  for (let i = 0; i < m.length; i++) if (w[i] !== 0) sel.push(i);
  if (sel.length < 2 * bins) {
    throw new HepuqError('InvalidArgument', `modePenalty: ${sel.length} events with non-zero weight for ${bins} mass bins; need at least 2 per bin`, {
      hint: 'Use larger batches or fewer `bins` (MoDe is evaluated per minibatch over the background events).',
    });
  }
  const mSel = Float32Array.from(sel, (i) => m[i]);
  const raw = equalMassBins(mSel, new Float32Array(sel.length).fill(1), bins);
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of mSel) {
    lo = Math.min(lo, v);
    hi = Math.max(hi, v);
  }
  // renumber non-empty bins (ties in m can empty one) and collect W_b and the weighted centres
  const sumW = new Float64Array(bins);
  const sumWm = new Float64Array(bins);
  const count = new Int32Array(bins);
  raw.forEach((b, j) => {
    count[b]++;
    const t = hi > lo ? (2 * (mSel[j] - lo)) / (hi - lo) - 1 : 0;
    sumW[b] += w[sel[j]];
    sumWm[b] += w[sel[j]] * t;
  });
  const used = [...count.keys()].filter((b) => count[b] > 0);
  const index = new Int32Array(bins).fill(-1);
  used.forEach((b, k) => (index[b] = k));
  const nBins = used.length;
  let total = 0;
  for (const b of used) {
    if (!(sumW[b] > 0)) {
      throw new HepuqError('InvalidArgument', `modePenalty: a mass bin has total weight ${sumW[b]}; MoDe needs a positive weight in every bin`, {
        hint: 'Negative MC weights must not dominate any mass bin; use fewer bins or larger batches.',
      });
    }
    total += sumW[b];
  }
  const membership = new Float32Array(m.length * nBins);
  raw.forEach((b, j) => (membership[sel[j] * nBins + index[b]] = w[sel[j]] / sumW[b]));
  const rho = Float64Array.from(used, (b) => sumW[b] / total);
  const centres = used.map((b) => sumWm[b] / sumW[b]);
  const k = Math.min(order, nBins - 1) + 1;
  const design = centres.map((c) => legendre(c, k - 1));
  const gram = Array.from({ length: k }, (_, p) => Array.from({ length: k }, (_, q) => design.reduce((s, row, b) => s + rho[b] * row[p] * row[q], 0)));
  // H_bc = sum_pq P_bp (G^-1)_pq P_cq rho_c; store (I - H)^T row-major: element [c, b] = delta_bc - H_bc
  const residualT = new Float32Array(nBins * nBins);
  for (let c = 0; c < nBins; c++) {
    const coef = solve(gram, design[c].map((v) => v * rho[c])); // G^-1 P_c rho_c
    for (let b = 0; b < nBins; b++) {
      const h = design[b].reduce((s, v, p) => s + v * coef[p], 0);
      residualT[c * nBins + b] = (b === c ? 1 : 0) - h;
    }
  }
  return { membership, residualT, rho: Float32Array.from(rho), nBins };
}

/**
 * MoDe penalty L = sum_b rho_b int_0^1 [F_b(s) - Fhat_b(s)]^2 ds — Kitouni, Nachman, Weisser, Williams 2010.09745, sec. 2.
 *
 * F_b(s) = sum_{i in b} w_i sigmoid((s - score_i) / tau) / W_b is the (smoothed, hence differentiable) CDF of the
 * score in equal-population bin b of the mass m, rho_b = W_b / W its weight share, and Fhat the rho-weighted
 * least-squares fit of F_b(s) over the bin centres by Legendre polynomials in m (scaled to [-1, 1]) up to
 * `order`: 0 asks for a flat conditional CDF (the background efficiency at every threshold independent of m),
 * 1 and 2 allow a linear or quadratic m-dependence. The integral is a midpoint sum over `scoreBins` points.
 * Pass background events only, or give signal events weight 0 (events with w = 0 are ignored); scores are
 * probabilities in [0, 1]. The bins come from m and w (data, read synchronously); the penalty is
 * differentiable in `score`. Unlike the reference implementation (Legendre projection with the uniform
 * measure dm and a hand-written gradient of the hard step) the projection here uses the bin populations,
 * which makes it an orthogonal projection so the penalty is exactly zero for polynomial dependence.
 * @example const l = tf.tidy(() => tf.add(bce, tf.mul(lambda, modePenalty(score, mass, bkgWeight, { order: 1, bins: 16 }))));
 */
export function modePenalty(score: tf.Tensor1D, m: tf.Tensor1D, w: tf.Tensor1D, opts: ModePenaltyOptions = {}): tf.Scalar {
  const o = parseOrThrow(ModePenaltyOptions, opts, { code: 'InvalidArgument', where: 'modePenalty options' });
  const n = score.shape[0];
  if (m.shape[0] !== n || w.shape[0] !== n) {
    throw new HepuqError('ShapeMismatch', `modePenalty: score has ${n} entries, m ${m.shape[0]}, w ${w.shape[0]}; they must match`);
  }
  const binning = massBinning(m.dataSync() as Float32Array, w.dataSync() as Float32Array, o.bins, o.order);
  const tau = o.temperature ?? 1 / (2 * o.scoreBins);
  const grid = Float32Array.from({ length: o.scoreBins }, (_, k) => (k + 0.5) / o.scoreBins);
  return tf.tidy(() => {
    const step = tf.sigmoid(tf.div(tf.sub(tf.tensor2d(grid, [o.scoreBins, 1]), tf.reshape(score, [1, n])), tau)); // [K, N]
    const cdf = tf.matMul(step, tf.tensor2d(binning.membership, [n, binning.nBins])); // [K, B]
    const residual = tf.matMul(cdf, tf.tensor2d(binning.residualT, [binning.nBins, binning.nBins]));
    const perBin = tf.mul(tf.square(residual), tf.tensor2d(binning.rho, [1, binning.nBins]));
    return tf.div(tf.sum(perBin), o.scoreBins) as tf.Scalar;
  });
}
