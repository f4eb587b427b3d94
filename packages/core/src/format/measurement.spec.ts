import { describe, expect, it } from 'vitest';
import { formatMeasurement, formatNumber, formatWithError, measurementText } from './measurement.js';

describe('formatMeasurement (PDG rounding, the default)', () => {
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
    expect(measurementText(1.234567e-5)).toBe('1.235 × 10^-5');
  });
  it('shows 4 significant digits without an error and passes non-finite values through', () => {
    expect(measurementText(0.6834567)).toBe('0.6835');
    expect(measurementText(Number.NaN, 0.1)).toBe('NaN ± 0.1');
    expect(measurementText(-0.00001234, 0.1)).toBe('0.00 ± 0.10');
    expect(measurementText(5, 0)).toBe('5.000 ± 0');
  });
});

describe("'two-digits' rounding (the plugins' tables)", () => {
  it('keeps two significant digits of the error and never rounds into the integer part', () => {
    expect(measurementText(0.146894, 0.003488, { rounding: 'two-digits' })).toBe('0.1469 ± 0.0035');
    expect(measurementText(1.6342, 0.4527, { rounding: 'two-digits' })).toBe('1.63 ± 0.45');
    expect(measurementText(316.2, 54.1, { rounding: 'two-digits' })).toBe('316 ± 54');
    expect(measurementText(9466.3, 1149.2, { rounding: 'two-digits' })).toBe('9466 ± 1149');
    expect(measurementText(-0.000742, 0.000591, { rounding: 'two-digits' })).toBe('-0.00074 ± 0.00059');
  });
});

describe('formatNumber and formatWithError', () => {
  it.each([
    [0.1468939, '0.147'], [1244.49, '1244'], [0.001, '1.00e-3'], [12345, '1.23e+4'], [Number.NaN, '-'], [2.82401, '2.82'], [0, '0'],
  ])('formatNumber(%d) = %s', (x, text) => expect(formatNumber(x)).toBe(text));

  it('rounds a value to the precision of its error, or formats it alone without a positive error', () => {
    expect(formatWithError(1.6342, 0.3527)).toBe('1.63 ± 0.35');
    expect(formatWithError(0.146894, 0.003488)).toBe('0.1469 ± 0.0035');
    expect(formatWithError(0.5, 0)).toBe('0.5');
    expect(formatWithError(0.5, null)).toBe('0.5');
    expect(formatWithError(0.5)).toBe('0.5');
  });
});
