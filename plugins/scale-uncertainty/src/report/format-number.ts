/**
 * Three significant digits (all integer digits below 1e4), in exponent form outside [1e-2, 1e4); NaN as "-".
 * @example formatNumber(0.1468939) // '0.147'; formatNumber(1244.49) // '1244'; formatNumber(0.001) // '1.00e-3'
 */
export function formatNumber(x: number, digits = 3): string {
  if (!Number.isFinite(x)) return Number.isNaN(x) ? '-' : String(x);
  const a = Math.abs(x);
  if (a !== 0 && (a < 1e-2 || a >= 1e4)) return x.toExponential(digits - 1);
  const integerDigits = a >= 1 ? Math.floor(Math.log10(a)) + 1 : 1;
  return Number(x.toPrecision(Math.max(digits, integerDigits))).toString();
}

/**
 * A value with its one-sigma error, both to the error's precision.
 * @example formatWithError(1.634, 0.353) // '1.63 ± 0.35'
 */
export function formatWithError(value: number, error: number): string {
  if (!Number.isFinite(error) || error === 0) return formatNumber(value);
  const decimals = Math.max(0, 1 - Math.floor(Math.log10(error)));
  return decimals <= 6 ? `${value.toFixed(decimals)} ± ${error.toFixed(decimals)}` : `${formatNumber(value)} ± ${formatNumber(error, 2)}`;
}
