/** Interval score (u - l) + (2/alpha)(l - y)1[y < l] + (2/alpha)(y - u)1[y > u] — Gneiting & Raftery, JASA 102 (2007) eq. 43. */
export function intervalScore(y: number, lo: number, hi: number, alpha: number): number {
  return hi - lo + (y < lo ? (2 / alpha) * (lo - y) : 0) + (y > hi ? (2 / alpha) * (y - hi) : 0);
}
