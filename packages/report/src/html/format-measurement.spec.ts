import { describe, expect, it } from 'vitest';
import { formatMeasurement, measurementText } from './format-measurement.js';

describe('formatMeasurement (PDG rounding)', () => {
  it('keeps two significant digits of the error when its leading digits are 100-354', () => {
    expect(measurementText(1.23456, 0.0123)).toBe('1.235 ± 0.012');
    expect(measurementText(0.98765, 0.0345)).toBe('0.988 ± 0.035');
  });
  it('keeps one significant digit for 355-949 and rounds 950-999 up to two digits', () => {
    expect(measurementText(1.23456, 0.0456)).toBe('1.23 ± 0.05');
    expect(measurementText(1.23456, 0.0097)).toBe('1.235 ± 0.010');
    expect(measurementText(5, 0.099996)).toBe('5.00 ± 0.10');
  });
  it('rounds large values to the error digit without spurious decimals', () => {
    expect(measurementText(12345, 230)).toBe('12350 ± 230');
  });
  it('uses a common power of ten for tiny or huge numbers', () => {
    expect(measurementText(2.3141e-5, 0.05e-5)).toBe('(2.31 ± 0.05) × 10^-5');
    expect(formatMeasurement(3.2e7, 1.2e6)).toEqual({ value: '3.20', error: '0.12', exponent: 7 });
  });
  it('shows 4 significant digits without an error and passes non-finite values through', () => {
    expect(measurementText(0.6834567)).toBe('0.6835');
    expect(measurementText(Number.NaN, 0.1)).toBe('NaN ± 0.1');
    expect(measurementText(-0.00001234, 0.1)).toBe('0.00 ± 0.10');
  });
});
