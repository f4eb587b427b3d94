/**
 * The median of `values` (the mean of the two middle ones for an even count; NaN for none).
 * @example median([3, 1, 2, 10]) // 2.5
 */
export function median(values: ArrayLike<number>): number {
  const s = Float64Array.from(values).sort();
  const h = s.length >> 1;
  if (s.length === 0) return Number.NaN;
  return s.length % 2 ? s[h] : 0.5 * (s[h - 1] + s[h]);
}
