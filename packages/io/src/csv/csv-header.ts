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
  // a quoted name is kept as written; an unquoted one (and the space around quotes) is trimmed
  let quoted: string | null = null;
  let inQuotes = false;
  let newlines = 0;
  const endField = () => {
    names.push(quoted ?? Buffer.from(field).toString('utf8').trim());
    field = [];
    quoted = null;
  };
  let i = pos;
  for (; i < buf.length; i++) {
    const b = buf[i];
    if (inQuotes) {
      if (b === QUOTE && buf[i + 1] === QUOTE) {
        field.push(QUOTE);
        i++;
      } else if (b === QUOTE) {
        inQuotes = false;
        quoted = Buffer.from(field).toString('utf8');
      } else {
        if (b === LF) newlines++;
        field.push(b);
      }
    } else if (b === QUOTE && quoted === null && field.every((c) => c === 0x20 || c === 0x09)) {
      inQuotes = true;
      field = [];
    } else if (b === dialect.delimiter) endField();
    else if (b === LF) break;
    else if (b !== CR && quoted === null) field.push(b);
    else if (b !== CR && b !== 0x20 && b !== 0x09) throw ioError('ParseError', `${source}: the header row has text after the closing quote of column ${names.length + 1}`);
  }
  if (i >= buf.length && !final) return null;
  if (inQuotes) throw ioError('ParseError', `${source}: the header row has an unclosed quote`);
  endField();
  const seen = new Set<string>();
  names.forEach((name, j) => {
    if (name === '') throw ioError('ParseError', `${source}: header column ${j + 1} has no name`);
    if (seen.has(name)) throw ioError('ParseError', `${source}: the header names column "${name}" twice`);
    seen.add(name);
  });
  return { names, pos: Math.min(i + 1, buf.length), lines: lines + 1 + newlines };
}
