/**
 * pyunfold evaluates its stopping statistic on the cause bins whose index midpoints (0.5, 1.5, ...)
 * lie in its fixed test range [0, 100): the first 100 bins. Mirrored so results agree beyond 100 bins.
 */
export const PYUNFOLD_TS_BINS = 100;

/**
 * Two-sided Kolmogorov-Smirnov distance between two binned distributions,
 * max_k |F1(k) - F2(k)| with F the normalised cumulative sums — pyunfold's `KS` test statistic,
 * computed on the first `PYUNFOLD_TS_BINS` bins. NaN when a distribution sums to 0 (as pyunfold).
 * @example ksStatistic([1, 1], [2, 0]) // 0.5
 */
export function ksStatistic(a: ArrayLike<number>, b: ArrayLike<number>, bins = PYUNFOLD_TS_BINS): number {
  const k = Math.min(a.length, b.length, bins);
  let n1 = 0;
  let n2 = 0;
  for (let i = 0; i < k; i++) {
    n1 += a[i];
    n2 += b[i];
  }
  let c1 = 0;
  let c2 = 0;
  let stat = 0;
  for (let i = 0; i < k; i++) {
    c1 += a[i];
    c2 += b[i];
    const d = Math.abs(c1 / n1 - c2 / n2);
    if (Number.isNaN(d)) return Number.NaN;
    if (d > stat) stat = d;
  }
  return stat;
}
