/** A measurement rounded for display: mantissas as strings and the common power of ten (0 for fixed notation). */
export interface FormattedMeasurement {
  value: string;
  error?: string;
  exponent: number;
}

/**
 * How the error is rounded: `pdg`, the PDG rule (1-2 significant digits by the error's leading
 * digits); `two-digits`, always two significant digits but never rounding into the integer part
 * (`316 ± 54`, `9466 ± 1149`), the convention of the plugins' published tables.
 */
export type ErrorRounding = 'pdg' | 'two-digits';

export interface MeasurementStyle {
  /** Default `pdg`. */
  rounding?: ErrorRounding;
}

/** Significant digits of a value shown without an error. */
const SIGNIFICANT_WITHOUT_ERROR = 4;
/** Numbers from 10^6 up, and those below 10^-3 that need more than 6 decimals, share one power of ten. */
const MAX_DECIMALS = 6;
const MAX_FIXED_MAGNITUDE = 6;
const MIN_FIXED_MAGNITUDE = -3;

/** Decimal position of the last digit to keep for an error, by the PDG rounding rule. */
function pdgLastDigit(error: number): number {
  let e = Math.floor(Math.log10(error));
  let three = Math.round(error / 10 ** (e - 2));
  if (three >= 1000) {
    e += 1;
    three = Math.round(three / 10);
  }
  // 100-354: two significant digits; 355-949: one; 950-999: rounds up to 1000, shown with two digits.
  return three <= 354 ? e - 1 : e;
}

function lastDigit(error: number, rounding: ErrorRounding): number {
  return rounding === 'pdg' ? pdgLastDigit(error) : Math.min(0, Math.floor(Math.log10(error)) - 1);
}

/** `x / 10^exponent` with its last digit at 10^last; '-0.00' becomes '0.00'. */
function mantissa(x: number, last: number, exponent: number): string {
  const decimals = exponent - last;
  const s = decimals >= 0
    ? (x / 10 ** exponent).toFixed(Math.min(20, decimals))
    : ((Math.round(x / 10 ** last) * 10 ** last) / 10 ** exponent).toFixed(0);
  return /^-0(\.0*)?$/.test(s) ? s.slice(1) : s;
}

/**
 * Round a value and its error for display: the error by `style.rounding` (default the PDG rule —
 * PDG Review of Particle Physics, Introduction, "Rounding"), the value to the same decimal place.
 * Values without an error keep 4 significant digits. Numbers from 10^6 up, and those below 10^-3
 * that need more than 6 decimals, share one power of ten.
 * @example formatMeasurement(1.23456, 0.0123) // { value: '1.235', error: '0.012', exponent: 0 }
 */
export function formatMeasurement(value: number, error?: number, style: MeasurementStyle = {}): FormattedMeasurement {
  if (!Number.isFinite(value)) return { value: String(value), error: error === undefined ? undefined : String(error), exponent: 0 };
  const hasError = error !== undefined && Number.isFinite(error) && error !== 0;
  const err = hasError ? Math.abs(error) : 0;
  const scale = Math.max(Math.abs(value), err);
  const magnitude = scale === 0 ? 0 : Math.floor(Math.log10(scale));
  const last = hasError ? lastDigit(err, style.rounding ?? 'pdg') : magnitude - (SIGNIFICANT_WITHOUT_ERROR - 1);
  const exponent = magnitude >= MAX_FIXED_MAGNITUDE || (magnitude < MIN_FIXED_MAGNITUDE && last < -MAX_DECIMALS) ? magnitude : 0;
  return {
    value: value === 0 && !hasError ? '0' : mantissa(value, last, exponent),
    error: hasError ? mantissa(err, last, exponent) : error === 0 ? '0' : undefined,
    exponent,
  };
}

/**
 * `value ± error` as plain text, e.g. `1.235 ± 0.012` or `(2.31 ± 0.05) × 10^-5` (see `formatMeasurement`).
 * @example measurementText(0.1469, 0.0035, { rounding: 'two-digits' }) // '0.1469 ± 0.0035'
 */
export function measurementText(value: number, error?: number, style: MeasurementStyle = {}): string {
  const f = formatMeasurement(value, error, style);
  const body = f.error === undefined ? f.value : `${f.value} ± ${f.error}`;
  if (f.exponent === 0) return body;
  return f.error === undefined ? `${body} × 10^${f.exponent}` : `(${body}) × 10^${f.exponent}`;
}

/**
 * A number without an uncertainty (a cut, a ratio, a table entry): `digits` significant digits but
 * every integer digit, exponent form outside [1e-2, 1e4); NaN (no value) as "-".
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
 * A table cell: `value ± error` with the error to two significant digits (`two-digits` rounding),
 * or `formatNumber(value)` when there is no positive finite error.
 * @example formatWithError(1.634, 0.353) // '1.63 ± 0.35'; formatWithError(0.5, 0) // '0.5'
 */
export function formatWithError(value: number, error?: number | null): string {
  if (error === undefined || error === null || !Number.isFinite(error) || error <= 0) return formatNumber(value);
  return measurementText(value, error, { rounding: 'two-digits' });
}
