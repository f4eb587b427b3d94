/**
 * A value with its one-sigma error to two significant digits of the error; plain three significant
 * digits without an error.
 * @example formatWithError(0.01634, 0.00353) // '0.0163 ± 0.0035'
 */
export function formatWithError(value: number, error?: number | null): string {
  if (!Number.isFinite(value)) return String(value);
  if (error === undefined || error === null || !Number.isFinite(error) || error <= 0) return formatNumber(value);
  const decimals = Math.max(0, 1 - Math.floor(Math.log10(error)));
  if (decimals > 8 || Math.abs(value) >= 1e6) return `${value.toExponential(2)} ± ${error.toExponential(1)}`;
  return `${value.toFixed(decimals)} ± ${error.toFixed(decimals)}`;
}

/** Three significant digits, exponent form outside [1e-3, 1e5). */
export function formatNumber(x: number): string {
  if (!Number.isFinite(x)) return String(x);
  const a = Math.abs(x);
  if (a !== 0 && (a < 1e-3 || a >= 1e5)) return x.toExponential(2);
  return String(Number(x.toPrecision(3)));
}

/** Escape text for HTML. */
export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}
