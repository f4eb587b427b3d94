import { centralQuantile, normalCdf, ONE_SIGMA_LEVEL, TWO_SIGMA_LEVEL } from '../../special/normal.js';
import type { RegressionArrays } from '../metric-input.js';
import { sharedPass, type PassMoments } from '../shared-pass.js';
import { gaussianCrpsAt } from './gaussian-crps.js';
import { intervalScore } from './interval-score.js';
import { PULL_BINS, PULL_RANGE } from './pull-histogram.js';

/** Central levels whose coverage (moments pass) and interval score (intervals pass) are held (the metrics' defaults, +-1 and +-2 sigma). */
export const PASS_LEVELS: readonly number[] = [ONE_SIGMA_LEVEL, TWO_SIGMA_LEVEL];

const PASS_Z = PASS_LEVELS.map(centralQuantile);
const HALF_LOG_2PI = 0.5 * Math.log(2 * Math.PI);

/**
 * What the default regression metrics read, from one pass for the sums and one for the central
 * moments (every per-event term and every sum in event order, as the metrics' own loops compute them,
 * so the values are the same to the last bit; the NLL's m2, from shifted sums, to a few ulps).
 */
export interface RegressionMoments {
  /** Pull t = (y - mu)/sigma, with m4 = sum w (t - mean)^4 / W. */
  pull: PassMoments & { m4: number };
  /** Per-event Gaussian NLL 0.5 log(2 pi) + log sigma + t^2/2. */
  nll: PassMoments;
  /** Squared and absolute error of the mean, (mu - y)^2 and |mu - y|. */
  sq: PassMoments;
  abs: PassMoments;
  /** sigma and sigma^2. */
  sigma: PassMoments;
  sigma2: PassMoments;
  /** sum_{|t| <= z_p} w for p in PASS_LEVELS. */
  coveragePass: Float64Array;
  /** Pull histogram on [-PULL_RANGE, PULL_RANGE] in PULL_BINS bins: sum w and sum w^2 per bin. */
  histogram: { counts: Float64Array; sumW2: Float64Array };
}

/**
 * The moments pass of a validated regression input, shared by the metrics of one `computeMetrics` call
 * (pulls, coverage, gaussian-nll, rmse, sharpness).
 * @example const { pull, nll } = regressionMoments(regressionArrays('pulls', input))
 */
export function regressionMoments(arrays: RegressionArrays): RegressionMoments {
  return sharedPass(arrays, 'regression-moments', () => momentsPass(arrays));
}

/** Loop 1: sum w x per quantity, coverage and histogram sums; loop 2: sum w (x - mean)^2 (and ^4 for the pull), x computed again (NLL: shifted sums in loop 1). */
function momentsPass({ mean, sigma, truth, w, summary }: RegressionArrays): RegressionMoments {
  const n = truth.length;
  const [z0, z1] = PASS_Z;
  const width = (2 * PULL_RANGE) / PULL_BINS;
  const counts = new Float64Array(PULL_BINS);
  const sumW2 = new Float64Array(PULL_BINS);
  // NLL's central moment comes from sums around a pilot k (sum w (l - k)^2 - W (mean - k)^2): loop 2
  // would otherwise take Math.log again, the dearest operation of the pass
  const k = nllPilot(sigma, truth, mean);
  let sT = 0, sNll = 0, qNll = 0, sSq = 0, sAbs = 0, sS = 0, sS2 = 0, c0 = 0, c1 = 0;
  for (let i = 0; i < n; i++) {
    const y = truth[i];
    const mu = mean[i];
    const s = sigma[i];
    const wi = w[i];
    const t = (y - mu) / s;
    sT += wi * t;
    // branch-free: with pass probabilities of 68% and 95% a branch mispredicts often; the +-0 that a
    // failing event adds leaves the sum as it was
    const at = Math.abs(t);
    c0 += wi * +(at <= z0);
    c1 += wi * +(at <= z1);
    // bin floor(x) of pullHistogram: for x in [0, PULL_BINS), x | 0 is floor(x), without the call
    const x = (t + PULL_RANGE) / width;
    if (x >= 0 && x < PULL_BINS) {
      const bin = x | 0;
      counts[bin] += wi;
      sumW2[bin] += wi * wi;
    }
    const l = HALF_LOG_2PI + Math.log(s) + 0.5 * t * t;
    sNll += wi * l;
    const dl = l - k;
    qNll += wi * (dl * dl);
    const r = mu - y;
    sSq += wi * (r * r);
    sAbs += wi * Math.abs(r);
    sS += wi * s;
    sS2 += wi * (s * s);
  }
  const W = summary.sumW;
  const c = { t: sT / W, nll: sNll / W, sq: sSq / W, abs: sAbs / W, s: sS / W, s2: sS2 / W };
  let t2 = 0, t4 = 0, sq = 0, abs = 0, s1 = 0, s2 = 0;
  for (let i = 0; i < n; i++) {
    const y = truth[i];
    const mu = mean[i];
    const s = sigma[i];
    const wi = w[i];
    // the per-event terms are computed again rather than kept: on first touch, a fresh N-entry
    // scratch array costs more (page faults) than computing them twice
    let d = (y - mu) / s - c.t;
    let d2 = d * d;
    t2 += wi * d2;
    t4 += wi * d2 * d2;
    const r = mu - y;
    d = r * r - c.sq;
    sq += wi * (d * d);
    d = Math.abs(r) - c.abs;
    abs += wi * (d * d);
    d = s - c.s;
    s1 += wi * (d * d);
    d2 = s * s - c.s2;
    s2 += wi * (d2 * d2);
  }
  return {
    pull: { mean: c.t, m2: t2 / W, m4: t4 / W },
    nll: { mean: c.nll, m2: Math.max(qNll / W - (c.nll - k) * (c.nll - k), 0) },
    sq: { mean: c.sq, m2: sq / W },
    abs: { mean: c.abs, m2: abs / W },
    sigma: { mean: c.s, m2: s1 / W },
    sigma2: { mean: c.s2, m2: s2 / W },
    coveragePass: Float64Array.of(c0, c1),
    histogram: { counts, sumW2 },
  };
}

/**
 * Pilot for the NLL's shifted sums: the plain mean of the per-event NLL over at most 1024 events spread
 * through the data. Any k gives the same moment in exact arithmetic; one near the mean keeps the
 * cancellation in sum w (l - k)^2 / W - (mean - k)^2 at a few ulps (it grows as (mean - k)^2 / m2).
 */
function nllPilot(sigma: Float32Array, truth: Float32Array, mean: Float32Array): number {
  const step = Math.max(1, Math.floor(truth.length / 1024));
  let s = 0;
  let m = 0;
  for (let i = 0; i < truth.length; i += step, m++) {
    const t = (truth[i] - mean[i]) / sigma[i];
    s += HALF_LOG_2PI + Math.log(sigma[i]) + 0.5 * t * t;
  }
  return s / m;
}

/**
 * Interval scores of mu -+ z_p sigma for p in PASS_LEVELS, both levels in each of the two passes, shared
 * by the metrics of one `computeMetrics` call.
 * @example const [i68, i95] = regressionIntervals(regressionArrays('interval-score', input))
 */
export function regressionIntervals(arrays: RegressionArrays): PassMoments[] {
  return sharedPass(arrays, 'regression-intervals', () => {
    const { mean, sigma, truth, w, summary } = arrays;
    const [z0, z1] = PASS_Z;
    const [a0, a1] = PASS_LEVELS.map((l) => 1 - l);
    let s0 = 0, s1 = 0;
    for (let i = 0; i < truth.length; i++) {
      const y = truth[i];
      const mu = mean[i];
      const s = sigma[i];
      const wi = w[i];
      s0 += wi * intervalScore(y, mu - z0 * s, mu + z0 * s, a0);
      s1 += wi * intervalScore(y, mu - z1 * s, mu + z1 * s, a1);
    }
    const m0 = s0 / summary.sumW;
    const m1 = s1 / summary.sumW;
    let q0 = 0, q1 = 0;
    for (let i = 0; i < truth.length; i++) {
      const y = truth[i];
      const mu = mean[i];
      const s = sigma[i];
      const wi = w[i];
      const d0 = intervalScore(y, mu - z0 * s, mu + z0 * s, a0) - m0;
      q0 += wi * (d0 * d0);
      const d1 = intervalScore(y, mu - z1 * s, mu + z1 * s, a1) - m1;
      q1 += wi * (d1 * d1);
    }
    return [{ mean: m0, m2: q0 / summary.sumW }, { mean: m1, m2: q1 / summary.sumW }];
  });
}

/**
 * PIT_i = Phi((y_i - mu_i)/sigma_i), computed once per `computeMetrics` call for the calibration and crps metrics.
 * @example const pit = regressionPit(regressionArrays('calibration', input))
 */
export function regressionPit(arrays: RegressionArrays): Float64Array {
  return sharedPass(arrays, 'regression-pit', () => {
    const { mean, sigma, truth } = arrays;
    const pit = new Float64Array(truth.length);
    for (let i = 0; i < pit.length; i++) pit[i] = normalCdf((truth[i] - mean[i]) / sigma[i]);
    return pit;
  });
}

/**
 * Moments of the closed-form Gaussian CRPS per event (Gneiting et al. 2005, eq. 5) from the shared PIT;
 * the terms are computed again for the central moment rather than stored (no second N-entry array).
 * @example const { mean, m2 } = regressionCrps(regressionArrays('crps', input))
 */
export function regressionCrps(arrays: RegressionArrays): PassMoments {
  return sharedPass(arrays, 'regression-crps', () => {
    const { mean, sigma, truth, w, summary } = arrays;
    const pit = regressionPit(arrays);
    let sc = 0;
    for (let i = 0; i < pit.length; i++) {
      const s = sigma[i];
      sc += w[i] * gaussianCrpsAt((truth[i] - mean[i]) / s, s, pit[i]);
    }
    const m = sc / summary.sumW;
    let qc = 0;
    for (let i = 0; i < pit.length; i++) {
      const s = sigma[i];
      const d = gaussianCrpsAt((truth[i] - mean[i]) / s, s, pit[i]) - m;
      qc += w[i] * (d * d);
    }
    return { mean: m, m2: qc / summary.sumW };
  });
}
