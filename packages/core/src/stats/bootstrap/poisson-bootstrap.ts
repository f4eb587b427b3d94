import { Rng } from '../../random/rng.js';

/** CDF of Poisson(1) at k = 0..11 (the tail beyond 11 has probability < 1e-9). */
const POISSON1_CDF = (() => {
  const cdf = new Float64Array(12);
  let p = Math.exp(-1);
  let s = 0;
  for (let k = 0; k < 12; k++) {
    s += p;
    cdf[k] = s;
    p /= k + 1;
  }
  return cdf;
})();

/** Fill `out` with Poisson(1) multiplicities by inverting the CDF with one uniform per event. */
export function fillPoisson1(rng: Rng, out: Uint8Array): void {
  for (let i = 0; i < out.length; i++) {
    const u = rng.uniform();
    let k = 0;
    while (k < 11 && u > POISSON1_CDF[k]) k++;
    out[i] = k;
  }
}

/**
 * Standard deviation of `statistic` over `replicas` Poisson(1) bootstrap replicas: each event's
 * weight is multiplied by k ~ Poisson(1) (Hanley & MacGibbon, Comput. Stat. Data Anal. 51 (2006) 1579;
 * the per-event-weight bootstrap that keeps MC weights, negative ones included). Non-finite replicas are skipped.
 * @example poissonBootstrapStd(n, 100, new Rng(0), (k) => statWithMultiplicities(k))
 */
export function poissonBootstrapStd(n: number, replicas: number, rng: Rng, statistic: (k: Uint8Array) => number): number {
  if (replicas < 2) return Number.NaN;
  const k = new Uint8Array(n);
  let s = 0;
  let s2 = 0;
  let m = 0;
  for (let b = 0; b < replicas; b++) {
    fillPoisson1(rng, k);
    const v = statistic(k);
    if (!Number.isFinite(v)) continue;
    s += v;
    s2 += v * v;
    m++;
  }
  if (m < 2) return Number.NaN;
  const mean = s / m;
  return Math.sqrt(Math.max(s2 / m - mean * mean, 0) * (m / (m - 1)));
}
