/** A measurement rounded for display: mantissas as strings and the common power of ten (0 for fixed notation). */
export interface FormattedMeasurement {
  value: string;
  error?: string;
  exponent: number;
}

const SIGNIFICANT_WITHOUT_ERROR = 4;

/** Decimal position of the last digit to keep for an error, by the PDG rounding rule. */
function pdgLastDigit(error: number): number {
  let e = Math.floor(Math.log10(error));
  let three = Math.round(error / 10 ** (e - 2));
  if (three >= 1000) {
    e += 1;
    three = Math.round(three / 10);
  }
  // 100-354: two significant digits; 355-949: one; 950-999: rounds up to 1000, shown with two digits.
  if (three <= 354) return e - 1;
  if (three <= 949) return e;
  return e;
}

function fixed(x: number, decimals: number): string {
  const s = x.toFixed(Math.max(0, Math.min(20, decimals)));
  return /^-0(\.0*)?$/.test(s) ? s.slice(1) : s;
}

/**
 * Round a value and its error for display with the PDG rule (the error keeps 1-2 significant
 * digits, the value is rounded to the same decimal place) — PDG Review of Particle Physics,
 * Introduction, "Rounding". Values without an error keep 4 significant digits. Very large or small
 * numbers share one power of ten.
 * @example formatMeasurement(1.23456, 0.0123) // { value: '1.235', error: '0.012', exponent: 0 }
 */
export function formatMeasurement(value: number, error?: number): FormattedMeasurement {
  if (!Number.isFinite(value)) return { value: String(value), error: error === undefined ? undefined : String(error), exponent: 0 };
  const hasError = error !== undefined && Number.isFinite(error) && error !== 0;
  const err = hasError ? Math.abs(error) : 0;
  const scale = Math.max(Math.abs(value), err);
  const magnitude = scale === 0 ? 0 : Math.floor(Math.log10(scale));
  const last = hasError ? pdgLastDigit(err) : magnitude - (SIGNIFICANT_WITHOUT_ERROR - 1);
  const exponent = magnitude >= 6 || magnitude <= -4 ? magnitude : 0;
  const decimals = exponent - last;
  const unit = 10 ** exponent;
  const roundedValue = Math.round(value / 10 ** last) * 10 ** last;
  const roundedErr = hasError ? Math.round(err / 10 ** last) * 10 ** last : undefined;
  return {
    value: value === 0 && !hasError ? '0' : fixed(roundedValue / unit, decimals),
    error: roundedErr !== undefined ? fixed(roundedErr / unit, decimals) : error === 0 ? '0' : undefined,
    exponent,
  };
}

/** `value ± error` as plain text, e.g. `1.235 ± 0.012` or `(2.31 ± 0.05) × 10^-5`. */
export function measurementText(value: number, error?: number): string {
  const f = formatMeasurement(value, error);
  const body = f.error === undefined ? f.value : `${f.value} ± ${f.error}`;
  if (f.exponent === 0) return body;
  return f.error === undefined ? `${body} × 10^${f.exponent}` : `(${body}) × 10^${f.exponent}`;
}
