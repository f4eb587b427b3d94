import type { MetricValue } from '@hepuq/core';

/**
 * Least-squares slope of ln y against ln x (the exponent b of y = a x^b), with its standard error from
 * the residuals (n - 2 degrees of freedom; none with two points). Non-positive values are skipped;
 * undefined with fewer than two points left or a single x.
 * @example powerLawSlope([1e3, 1e4, 1e5], [0.1, 0.032, 0.01]) // { value: -0.5, error: ... }
 */
export function powerLawSlope(x: readonly number[], y: readonly number[]): MetricValue | undefined {
  const pts = x.map((xi, i) => [Math.log(xi), Math.log(y[i])] as const).filter(([a, b]) => Number.isFinite(a) && Number.isFinite(b));
  const n = pts.length;
  if (n < 2) return undefined;
  const mx = pts.reduce((s, [a]) => s + a, 0) / n;
  const my = pts.reduce((s, [, b]) => s + b, 0) / n;
  let sxx = 0;
  let sxy = 0;
  for (const [a, b] of pts) {
    sxx += (a - mx) ** 2;
    sxy += (a - mx) * (b - my);
  }
  if (!(sxx > 0)) return undefined;
  const slope = sxy / sxx;
  if (n < 3) return { value: slope };
  let rss = 0;
  for (const [a, b] of pts) rss += (b - my - slope * (a - mx)) ** 2;
  return { value: slope, error: Math.sqrt(rss / (n - 2) / sxx) };
}
