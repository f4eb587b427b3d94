import { Rng } from '@hepuq/core';

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

/**
 * Poisson(1) by table lookup on 16 random bits: entry u holds the inverse CDF at (u + 1/2)/65536, so each
 * probability is off by at most 2^-16 (irrelevant for a bootstrap error) and one 32-bit draw gives two k.
 */
const POISSON1_TABLE = (() => {
  const t = new Uint8Array(65536);
  let k = 0;
  for (let u = 0; u < 65536; u++) {
    const p = (u + 0.5) / 65536;
    while (k < 11 && p > POISSON1_CDF[k]) k++;
    t[u] = k;
  }
  return t;
})();

/**
 * Fill `out` with Poisson(1) multiplicities. The stream is an inline xoshiro128** (Blackman & Vigna 2018)
 * seeded from `rng`, so the draws are reproducible from the caller's seed and fast enough for
 * 100 replicas of 10^6 events.
 */
export function fillPoisson1(rng: Rng, out: Uint8Array): void {
  let s0 = rng.nextUint32() | 1;
  let s1 = rng.nextUint32();
  let s2 = rng.nextUint32();
  let s3 = rng.nextUint32();
  const n = out.length;
  for (let i = 0; i < n; i += 2) {
    const r = Math.imul(rotl(Math.imul(s1, 5), 7), 9) >>> 0;
    const t = s1 << 9;
    s2 ^= s0;
    s3 ^= s1;
    s1 ^= s2;
    s0 ^= s3;
    s2 ^= t;
    s3 = rotl(s3, 11);
    out[i] = POISSON1_TABLE[r & 0xffff];
    if (i + 1 < n) out[i + 1] = POISSON1_TABLE[r >>> 16];
  }
}

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}

/**
 * Standard deviations of a vector `statistic` over `replicas` Poisson(1) bootstrap replicas: each
 * event's weight is multiplied by k ~ Poisson(1) (Hanley & MacGibbon, Comput. Stat. Data Anal. 51 (2006)
 * 1579; the per-event-weight bootstrap keeps MC weights, negative ones included). Entries that come out
 * non-finite in a replica are skipped for that entry; NaN where fewer than 2 replicas remain.
 * @example poissonBootstrapStds(n, 100, new Rng(0), (k) => [statA(k), statB(k)])
 */
export function poissonBootstrapStds(n: number, replicas: number, rng: Rng, statistic: (k: Uint8Array) => number[]): number[] {
  const k = new Uint8Array(n);
  let s: Float64Array | undefined;
  let s2: Float64Array | undefined;
  let m: Float64Array | undefined;
  for (let b = 0; b < replicas; b++) {
    fillPoisson1(rng, k);
    const v = statistic(k);
    s ??= new Float64Array(v.length);
    s2 ??= new Float64Array(v.length);
    m ??= new Float64Array(v.length);
    for (let j = 0; j < v.length; j++) {
      if (!Number.isFinite(v[j])) continue;
      s[j] += v[j];
      s2[j] += v[j] * v[j];
      m[j]++;
    }
  }
  if (!s || !s2 || !m) return [];
  return Array.from(s, (sj, j) => {
    const mj = m![j];
    if (mj < 2) return Number.NaN;
    const mean = sj / mj;
    return Math.sqrt(Math.max(s2![j] / mj - mean * mean, 0) * (mj / (mj - 1)));
  });
}

/** Scalar form of `poissonBootstrapStds`; NaN with fewer than 2 usable replicas. */
export function poissonBootstrapStd(n: number, replicas: number, rng: Rng, statistic: (k: Uint8Array) => number): number {
  if (replicas < 2) return Number.NaN;
  return poissonBootstrapStds(n, replicas, rng, (k) => [statistic(k)])[0];
}
