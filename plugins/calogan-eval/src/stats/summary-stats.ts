/** Arithmetic mean. */
export function mean(values: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < values.length; i++) s += values[i];
  return s / values.length;
}

/** Sample standard deviation with Bessel's correction (0 for fewer than two values). */
export function std(values: ArrayLike<number>): number {
  const n = values.length;
  if (n < 2) return 0;
  const m = mean(values);
  let s = 0;
  for (let i = 0; i < n; i++) s += (values[i] - m) ** 2;
  return Math.sqrt(s / (n - 1));
}

/** Standard error of the mean, std / sqrt(n). */
export function sem(values: ArrayLike<number>): number {
  return values.length < 2 ? 0 : std(values) / Math.sqrt(values.length);
}

/** Quantile q of an ascending array by linear interpolation (Hyndman-Fan type 7, numpy's default). */
export function quantileSorted(sorted: ArrayLike<number>, q: number): number {
  const n = sorted.length;
  if (n === 0) return Number.NaN;
  const h = (n - 1) * Math.min(1, Math.max(0, q));
  const lo = Math.floor(h);
  const hi = Math.min(n - 1, lo + 1);
  return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
}

/** Quantiles of unsorted values (type 7). */
export function quantiles(values: ArrayLike<number>, qs: readonly number[]): number[] {
  const sorted = Float64Array.from(values).sort();
  return qs.map((q) => quantileSorted(sorted, q));
}

/** Median (type 7). */
export function median(values: ArrayLike<number>): number {
  return quantiles(values, [0.5])[0];
}

/** One-sigma normal quantiles, Phi(-1) and Phi(+1). */
export const ONE_SIGMA_LOW = 0.15865525393145707;
export const ONE_SIGMA_HIGH = 0.8413447460685429;

/** Half the central 68.27% interval, (q84.13 - q15.87)/2: a robust standard deviation (JetNet's KPD error). */
export function halfWidth68(values: ArrayLike<number>): number {
  if (values.length < 2) return 0;
  const [lo, hi] = quantiles(values, [ONE_SIGMA_LOW, ONE_SIGMA_HIGH]);
  return (hi - lo) / 2;
}
