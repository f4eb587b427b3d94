/** Mean and variance of a Gaussian. */
export interface GaussianMoments {
  mean: number;
  variance: number;
}

/**
 * The ideal-classifier limit of OmniFold (and of IBU in the continuum) on the Gaussian example:
 * with exact density ratios every iteration maps a Gaussian prior N(m, v) to the Gaussian
 * p_n(x) = p_(n-1)(x) ∫ N(y; x, s²) r(y) dy, r = N(y; mu, S) / N(y; m, v + s²), S = sigma² + s²
 * (nature N(mu, sigma²), smearing s). With a = 1/s², b = 1/S, c = 1/(v + s²), P = a + b - c:
 *   v' = 1 / (1/v + a - a²/P),   m' = v' (m/v + a (b mu - c m) / P).
 * Returns the moments after each of `iterations` iterations (the fixed point is the truth).
 * @example gaussIdealLimit({ mean: 0, variance: 1 }, { mean: 0.2, variance: 0.64 }, 0.5, 3)[0] // { mean: 0.16, variance: 0.7696 }
 */
export function gaussIdealLimit(prior: GaussianMoments, nature: GaussianMoments, smearing: number, iterations: number): GaussianMoments[] {
  const a = 1 / smearing ** 2;
  const b = 1 / (nature.variance + smearing ** 2);
  const out: GaussianMoments[] = [];
  let { mean: m, variance: v } = prior;
  for (let it = 0; it < iterations; it++) {
    const c = 1 / (v + smearing ** 2);
    const p = a + b - c;
    const next = 1 / (1 / v + a - (a * a) / p);
    m = next * (m / v + (a * (b * nature.mean - c * m)) / p);
    v = next;
    out.push({ mean: m, variance: v });
  }
  return out;
}
