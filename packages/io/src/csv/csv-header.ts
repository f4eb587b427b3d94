import { ioError } from '../common/io-error.js';
import type { CsvDialect } from './csv-scanner.js';

const QUOTE = 0x22;
const LF = 0x0a;
const CR = 0x0d;

/** The header row: column names, the byte position after it and the lines it took (with comments). */
export interface CsvHeader {
  names: string[];
  pos: number;
  lines: number;
}

/**
 * Find and parse the header: the first line that is neither blank nor a comment. Returns null when
 * the buffer does not yet hold the whole line (and is not the end of the file).
 */
export function parseCsvHeader(source: string, buf: Buffer, dialect: CsvDialect, final: boolean): CsvHeader | null {
  let pos = buf.length >= 3 && buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf ? 3 : 0;
  let lines = 0;
  for (;;) {
    let lf = buf.indexOf(LF, pos);
    if (lf < 0 && !final) return null;
    if (lf < 0) lf = buf.length;
    if (pos >= buf.length) return null;
    const c = buf[pos];
    if (c !== LF && c !== CR && c !== dialect.comment) break;
    pos = lf + 1;
    lines++;
  }
  const names: string[] = [];
  let field: number[] = [];
  let inQuotes = false;
  let i = pos;
  for (; i < buf.length; i++) {
    const b = buf[i];
    if (inQuotes) {
      if (b === QUOTE && buf[i + 1] === QUOTE) {
        field.push(QUOTE);
        i++;
      } else if (b === QUOTE) inQuotes = false;
      else field.push(b);
    } else if (b === QUOTE) inQuotes = true;
    else if (b === dialect.delimiter) {
      names.push(Buffer.from(field).toString('utf8').trim());
      field = [];
    } else if (b === LF) break;
    else if (b !== CR) field.push(b);
  }
  if (i >= buf.length && !final) return null;
  if (inQuotes) throw ioError('ParseError', `${source}: the header row has an unclosed quote`);
  names.push(Buffer.from(field).toString('utf8').trim());
  const seen = new Set<string>();
  names.forEach((name, j) => {
    if (name === '') throw ioError('ParseError', `${source}: header column ${j + 1} has no name`);
    if (seen.has(name)) throw ioError('ParseError', `${source}: the header names column "${name}" twice`);
    seen.add(name);
  });
  return { names, pos: Math.min(i + 1, buf.length), lines: lines + 1 };
}
