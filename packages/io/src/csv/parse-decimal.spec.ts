import { describe, expect, it } from 'vitest';
import { Rng } from '@hepuq/core';
import { classifyCell, parseDecimal } from './parse-decimal.js';

const bytes = (s: string) => Buffer.from(s, 'latin1');
const parse = (s: string) => parseDecimal(bytes(s), 0, s.length);

describe('parseDecimal', () => {
  it('agrees bit for bit with Number() on many formattings of random doubles', () => {
    const rng = new Rng(11);
    for (let i = 0; i < 5000; i++) {
      const x = (rng.uniform() - 0.5) * 10 ** Math.floor(rng.uniform() * 40 - 20);
      for (const text of [String(x), x.toExponential(6), x.toFixed(4), x.toPrecision(17), x.toPrecision(3)]) {
        expect(parse(text)).toBe(Number(text));
      }
    }
  });

  it('reads signs, leading/trailing dots, exponents and padding', () => {
    expect(parse(' +1.5e3 ')).toBe(1500);
    expect(parse('-.25')).toBe(-0.25);
    expect(parse('7.')).toBe(7);
    expect(parse('1E-2')).toBe(0.01);
    expect(parse('00012')).toBe(12);
    expect(parse('123456789012345678901234567890')).toBe(1.2345678901234568e29);
  });

  it('gives NaN/Inf for their spellings and NaN for garbage', () => {
    expect(parse('nan')).toBeNaN();
    expect(parse('-inf')).toBe(-Infinity);
    expect(parse('Infinity')).toBe(Infinity);
    for (const g of ['', 'abc', '1e', '1.2.3', '0x10', '--1', '1,5']) expect(parse(g)).toBeNaN();
  });

  it('tells empty, non-finite and garbage cells apart', () => {
    expect(classifyCell('  ')).toBe('empty');
    expect(classifyCell('NaN')).toBe('nonfinite');
    expect(classifyCell('1e39')).toBe('nonfinite');
    expect(classifyCell('x1')).toBe('garbage');
  });
});
