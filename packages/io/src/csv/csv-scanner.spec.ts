import { describe, expect, it } from 'vitest';
import { CsvScanner } from './csv-scanner.js';

const DIALECT = { delimiter: 0x2c, comment: 0x23 };
const NAMES = ['a', 'b', 'c'];

/** Scan `text` (header excluded) in two pieces cut at `cut`, returning the parsed a and c columns. */
function scanSplit(text: string, cut: number): { a: number[]; c: number[]; lines: number } {
  const buf = Buffer.from(text, 'latin1');
  const scanner = new CsvScanner('t.csv', NAMES, Int32Array.from([0, -1, 1]), DIALECT);
  const out = [new Float32Array(16), new Float32Array(16)];
  let r = scanner.scan(buf.subarray(0, cut), 0, cut, false, out, 0, 16);
  let rows = r.rows;
  const rest = buf.subarray(r.pos);
  r = scanner.scan(rest, 0, rest.length, true, out, rows, 16);
  rows += r.rows;
  return { a: [...out[0].subarray(0, rows)], c: [...out[1].subarray(0, rows)], lines: scanner.line };
}

describe('CsvScanner', () => {
  const text = '1,x,2\r\n# comment\n\n"3.5","q,""uo""\nted",-4e1\n5,,6';

  it('gives the same rows wherever a block boundary falls (quotes, CRLF, comments, last line without newline)', () => {
    const whole = scanSplit(text, text.length);
    expect(whole.a).toEqual([1, 3.5, 5]);
    expect(whole.c).toEqual([2, -40, 6]);
    expect(whole.lines).toBe(6);
    for (let cut = 0; cut <= text.length; cut++) expect(scanSplit(text, cut)).toEqual(whole);
  });

  it('only validates rows when no output is given', () => {
    const buf = Buffer.from('1,2,3\n4,5,6\n');
    const scanner = new CsvScanner('t.csv', NAMES, Int32Array.from([0, 1, 2]), DIALECT);
    expect(scanner.scan(buf, 0, buf.length, true, null, 0, 1)).toEqual({ pos: 6, rows: 1 });
    expect(scanner.row).toBe(1);
  });

  it('rejects text after a closing quote', () => {
    const buf = Buffer.from('"1"x,2,3\n');
    const scanner = new CsvScanner('t.csv', NAMES, Int32Array.from([0, 1, 2]), DIALECT);
    expect(() => scanner.scan(buf, 0, buf.length, true, [new Float32Array(1), new Float32Array(1), new Float32Array(1)], 0, 1)).toThrow(
      /t\.csv: row 1 \(line 1\) unexpected character after the closing quote/,
    );
  });
});
