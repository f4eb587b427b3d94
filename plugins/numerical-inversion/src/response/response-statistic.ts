import { normalCdf, normalPdf } from '@hepuq/stats';
import type { RegressionPrediction } from '@hepuq/core';
import { measuredFromTarget, measuredPerTarget, type ResponseTarget } from './parameterisation.js';

/** Which statistic of p(x | y) the response is. */
export type ResponseStatistic = 'mean' | 'median' | 'mode';

/** The response at each row: the statistic in x units, and the inner method's sigma_stat and sigma_syst mapped to x. */
export interface ResponsePoints {
  x: Float64Array;
  stat: Float64Array;
  syst: Float64Array;
  /**
   * [R][rows] the statistic of each coherent replica of the inner method (a replica moves the
   * predictive distribution by its draw of the mean), in x units; absent without replicas.
   */
  replicas?: Float64Array[];
}

interface Components {
  w: number[];
  mu: number[];
  sigma: number[];
}

/** Row i of the prediction's predictive distribution of t: its mixture, or one Gaussian (mean, sigma_syst). */
function components(p: RegressionPrediction, i: number): Components {
  const m = p.mixture;
  if (!m) return { w: [1], mu: [p.mean[i]], sigma: [p.sigmaSyst[i]] };
  return { w: m.weights.map((c) => c[i]), mu: m.means.map((c) => c[i]), sigma: m.sigmas.map((c) => c[i]) };
}

const cdf = (c: Components, t: number) => c.w.reduce((s, w, k) => s + w * normalCdf((t - c.mu[k]) / c.sigma[k]), 0);
const pdf = (c: Components, t: number) => c.w.reduce((s, w, k) => s + (w * normalPdf((t - c.mu[k]) / c.sigma[k])) / c.sigma[k], 0);

/** The span of the components: their means -+ 8 sigma. */
function span(c: Components): [number, number] {
  return [Math.min(...c.mu.map((m, k) => m - 8 * c.sigma[k])), Math.max(...c.mu.map((m, k) => m + 8 * c.sigma[k]))];
}

/** Median of a Gaussian mixture: F(t) = 1/2 by bisection to 1e-12 of the span. */
function mixtureMedian(c: Components): number {
  let [lo, hi] = span(c);
  const tol = 1e-12 * (hi - lo);
  while (hi - lo > tol) {
    const mid = 0.5 * (lo + hi);
    if (cdf(c, mid) < 0.5) lo = mid;
    else hi = mid;
  }
  return 0.5 * (lo + hi);
}

/** argmax of p(t) e^(-jacobian t) on 512 points of the span, refined by a parabola through the best three. */
function densityMode(c: Components, jacobian: 0 | 1): number {
  const [lo, hi] = span(c);
  const n = 512;
  const h = (hi - lo) / (n - 1);
  const f = (t: number) => Math.log(pdf(c, t)) - jacobian * t;
  let best = 1;
  for (let k = 1; k < n - 1; k++) if (f(lo + k * h) > f(lo + best * h)) best = k;
  const [a, b, d] = [f(lo + (best - 1) * h), f(lo + best * h), f(lo + (best + 1) * h)];
  const denom = a - 2 * b + d;
  return lo + best * h + (denom < 0 ? (0.5 * h * (a - d)) / denom : 0);
}

/**
 * The statistic of t's predictive distribution that maps to the wanted statistic of x. Medians map
 * through any rising transform; a mean or mode of x under `log-ratio` (x = y e^t) does not: its mean
 * is E[e^t] = sum w e^(mu + sigma^2/2) and its mode maximises p(t) e^(-t) (the Jacobian dt/dx = 1/x).
 */
function statisticOf(c: Components, statistic: ResponseStatistic, target: ResponseTarget): { t: number } {
  const single = c.w.length === 1;
  if (statistic === 'median') return { t: single ? c.mu[0] : mixtureMedian(c) };
  if (statistic === 'mode') return { t: single ? c.mu[0] - (target === 'log-ratio' ? c.sigma[0] ** 2 : 0) : densityMode(c, target === 'log-ratio' ? 1 : 0) };
  const mean = c.w.reduce((s, w, k) => s + w * c.mu[k], 0);
  if (target !== 'log-ratio') return { t: mean };
  const ex = c.w.reduce((s, w, k) => s + w * Math.exp(c.mu[k] + 0.5 * c.sigma[k] ** 2), 0);
  return { t: Math.log(ex) };
}

/**
 * The response statistic at each row of the inner prediction (rows at true values `y`): the mean,
 * median or mode of p(x | y) from the predictive distribution of the inner target t (a Gaussian
 * N(mean, sigma_syst), or the prediction's mixture), mapped to x; sigma_stat and sigma_syst of t mapped
 * to x with dx/dt at the statistic (the delta method); each coherent replica's statistic moved by its
 * draw of the mean. A Gaussian t has mean = median = mode, so with
 * `ratio` or `value` the three responses coincide; they differ for `log-ratio` or a mixture head.
 * @example responsePoints(gridPrediction, gridY, 'median', 'ratio').x // the median response x(y) on the grid
 */
export function responsePoints(p: RegressionPrediction, y: ArrayLike<number>, statistic: ResponseStatistic, target: ResponseTarget): ResponsePoints {
  const n = y.length;
  const out: ResponsePoints = { x: new Float64Array(n), stat: new Float64Array(n), syst: new Float64Array(n) };
  const replicas = p.replicas?.map(() => new Float64Array(n));
  for (let i = 0; i < n; i++) {
    const { t } = statisticOf(components(p, i), statistic, target);
    const dxdt = Math.abs(measuredPerTarget(target, t, y[i]));
    out.x[i] = measuredFromTarget(target, t, y[i]);
    out.stat[i] = dxdt * p.sigmaStat[i];
    out.syst[i] = dxdt * p.sigmaSyst[i];
    // replica r: the same statistic, moved by the replica's draw of the mean
    replicas?.forEach((r, k) => (r[i] = measuredFromTarget(target, t + p.replicas![k][i] - p.mean[i], y[i])));
  }
  return replicas ? { ...out, replicas } : out;
}
