import { priorDensity, type SpectrumPrior } from '@hepuq/stats';

/** The detector of the `response` toy: response, resolution and noise shape (a subset of its options). */
export interface ResponseDetector {
  /** a in R(y, z) = 1 - a (1 + b z^2) / sqrt(y). */
  offset: number;
  /** b: how strongly the response depends on z. */
  zDependence: number;
  /** Stochastic term k of the relative resolution s(y) = sqrt(k^2 / y + c^2). */
  stochastic: number;
  /** Constant term c of the relative resolution. */
  constant: number;
  /** Gaussian x = m (1 + s eps) (mean = median = m) or log-normal x = m exp(s eps) (median m, mean m exp(s^2/2)). */
  noise: 'gaussian' | 'lognormal';
}

/**
 * The true median response R(y, z) = median(x | y, z) / y = 1 - a (1 + b z^2) / sqrt(y): below 1 and
 * rising towards it with y, like a calorimeter's jet response (Nachman 2020, "Calibration — a regression task").
 * @example medianResponse(100, 0, detector) // 0.8 for a = 2
 */
export function medianResponse(y: number, z: number, d: ResponseDetector): number {
  return 1 - (d.offset * (1 + d.zDependence * z * z)) / Math.sqrt(y);
}

/** Relative resolution s(y) = sqrt(k^2 / y + c^2) (stochastic and constant terms of a calorimeter). */
export function relativeResolution(y: number, d: ResponseDetector): number {
  return Math.sqrt((d.stochastic * d.stochastic) / y + d.constant * d.constant);
}

/**
 * Moments of x at fixed (y, z): the median m = R y, the mean and the standard deviation (Gaussian:
 * m, m s; log-normal: m e^(s^2/2), m e^(s^2/2) sqrt(e^(s^2) - 1)).
 * @example responseMoments(100, 0, detector) // { median: 80, mean: 80, sigma: 80 * s(100) } for Gaussian noise
 */
export function responseMoments(y: number, z: number, d: ResponseDetector): { median: number; mean: number; sigma: number } {
  const median = medianResponse(y, z, d) * y;
  const s = relativeResolution(y, d);
  if (d.noise === 'gaussian') return { median, mean: median, sigma: median * s };
  const mean = median * Math.exp(0.5 * s * s);
  return { median, mean, sigma: mean * Math.sqrt(Math.expm1(s * s)) };
}

/** x at fixed (y, z) for a standard normal draw eps. */
export function measuredValue(y: number, z: number, eps: number, d: ResponseDetector): number {
  const m = medianResponse(y, z, d) * y;
  const s = relativeResolution(y, d);
  return d.noise === 'gaussian' ? m * (1 + s * eps) : m * Math.exp(s * eps);
}

/**
 * The exact numerical inversion of the median response: the y with R(y, z) y = x, from
 * sqrt(y) = (a' + sqrt(a'^2 + 4x)) / 2 with a' = a (1 + b z^2). What a perfectly learned median
 * response inverts to; its median closes exactly in every bin of y.
 * @example invertMedianResponse(80, 0, detector) // 100 for a = 2
 */
export function invertMedianResponse(x: number, z: number, d: ResponseDetector): number {
  const a = d.offset * (1 + d.zDependence * z * z);
  const root = 0.5 * (a + Math.sqrt(Math.max(a * a + 4 * x, 0)));
  return root * root;
}

/** Quadrature nodes of the posterior integrals over [ymin, ymax] (Simpson's rule). */
export const POSTERIOR_NODES = 801;

/**
 * Mean and standard deviation of y given (x, z) under `prior` truncated to [ymin, ymax]: what a
 * direct regression E[y | x] converges to when trained on that prior (Simpson's rule on
 * `POSTERIOR_NODES` nodes of y, likelihood p(x | y, z) of the toy's noise). It depends on the prior,
 * which is the point of numerical inversion. Returns the function of (x, z), with the nodes' prior,
 * resolution and sqrt(y) computed once.
 * @example responsePosterior({ shape: 'flat' }, 20, 200, detector)(80, 0).mean // about 101 (a flat prior pulls up)
 */
export function responsePosterior(prior: SpectrumPrior, ymin: number, ymax: number, d: ResponseDetector): (x: number, z: number) => { mean: number; sigma: number } {
  const n = POSTERIOR_NODES;
  const h = (ymax - ymin) / (n - 1);
  const y = Float64Array.from({ length: n }, (_, k) => ymin + k * h);
  const root = y.map(Math.sqrt);
  const s = y.map((v) => relativeResolution(v, d));
  // Simpson weights times the prior, in logs so that steep priors cannot underflow
  const logBase = y.map((v, k) => Math.log(k === 0 || k === n - 1 ? 1 : k % 2 ? 4 : 2) + Math.log(priorDensity(prior, v)) - Math.log(s[k]));
  const logs = new Float64Array(n);
  return (x, z) => {
    const a = d.offset * (1 + d.zDependence * z * z);
    const lx = Math.log(x);
    let top = -Infinity;
    for (let k = 0; k < n; k++) {
      const m = y[k] - a * root[k];
      const t = d.noise === 'gaussian' ? (x - m) / (m * s[k]) : (lx - Math.log(m)) / s[k];
      // Gaussian in x: 1/(m s); log-normal in x: 1/(x s), whose 1/x does not depend on y
      logs[k] = logBase[k] - 0.5 * t * t - (d.noise === 'gaussian' ? Math.log(m) : 0);
      if (logs[k] > top) top = logs[k];
    }
    let s0 = 0;
    let s1 = 0;
    let s2 = 0;
    for (let k = 0; k < n; k++) {
      const c = Math.exp(logs[k] - top);
      s0 += c;
      s1 += c * y[k];
      s2 += c * y[k] * y[k];
    }
    const mean = s1 / s0;
    return { mean, sigma: Math.sqrt(Math.max(s2 / s0 - mean * mean, 0)) };
  };
}
