import { ioError } from '../common/io-error.js';
import { classifyCell, cellText, parseDecimal } from './parse-decimal.js';

const QUOTE = 0x22;
const LF = 0x0a;
const CR = 0x0d;

/** Delimiter and comment bytes of a CSV dialect (`comment` -1 for none). */
export interface CsvDialect {
  delimiter: number;
  comment: number;
}

/** Where a scan stopped: the byte position of the first unread row and the rows written. */
export interface ScanResult {
  pos: number;
  rows: number;
}

/**
 * A byte-level CSV row scanner (RFC 4180 quoting, `#` comment lines, LF or CRLF). It parses only the
 * selected fields, straight from bytes into Float32Array columns, and never builds a string per
 * cell. It stops before a row that the buffer holds only in part, so a file can be fed block by block.
 */
export class CsvScanner {
  /** Lines consumed so far, including the header, comments and blank lines. */
  line = 0;
  /** Data rows consumed so far. */
  row = 0;
  readonly #nFields: number;

  /**
   * @param slots for each field of the header, the output column it goes to, or -1 to skip it.
   */
  constructor(
    private readonly source: string,
    private readonly names: readonly string[],
    private readonly slots: Int32Array,
    private readonly dialect: CsvDialect,
  ) {
    this.#nFields = names.length;
  }

  /**
   * Scan up to `maxRows` complete rows of `buf[pos, end)` into `out[slot][outStart + i]` (or only
   * validate them when `out` is null). With `final` the buffer ends the file.
   */
  scan(buf: Uint8Array, pos: number, end: number, final: boolean, out: Float32Array[] | null, outStart: number, maxRows: number): ScanResult {
    const { delimiter, comment } = this.dialect;
    let rows = 0;
    while (rows < maxRows && pos < end) {
      const c = buf[pos];
      if (c === LF || c === CR || c === comment) {
        const lf = buf.indexOf(LF, pos);
        if (lf < 0 || lf >= end) {
          if (!final) break;
          pos = end;
        } else pos = lf + 1;
        this.line++;
        continue;
      }
      const rowStart = pos;
      let field = 0;
      let extraLines = 0;
      let complete = true;
      for (;;) {
        let s = pos;
        let e: number;
        if (buf[pos] === QUOTE) {
          let q = pos + 1;
          for (;;) {
            while (q < end && buf[q] !== QUOTE) {
              if (buf[q] === LF) extraLines++;
              q++;
            }
            if (q + 1 < end && buf[q + 1] === QUOTE) q += 2;
            else break;
          }
          if (q >= end && final) throw this.parseError(`field ${field + 1} opens a quote that never closes`);
          if (q >= end || (q + 1 >= end && !final)) {
            complete = false;
            break;
          }
          s = pos + 1;
          e = q;
          pos = q + 1;
          while (pos < end && (buf[pos] === 0x20 || buf[pos] === 0x09)) pos++;
          if (pos < end && buf[pos] !== delimiter && buf[pos] !== LF && buf[pos] !== CR) {
            throw this.parseError(`unexpected character after the closing quote of field ${field + 1}`);
          }
        } else {
          while (pos < end) {
            const b = buf[pos];
            if (b === delimiter || b === LF || b === CR) break;
            pos++;
          }
          e = pos;
        }
        if (pos >= end && !final) {
          complete = false;
          break;
        }
        if (out !== null && field < this.#nFields && this.slots[field] >= 0) {
          const col = out[this.slots[field]];
          const at = outStart + rows;
          col[at] = parseDecimal(buf, s, e);
          if (!Number.isFinite(col[at])) this.cellError(buf, s, e, field);
        }
        field++;
        if (pos < end && buf[pos] === delimiter) {
          pos++;
          continue;
        }
        if (pos < end && buf[pos] === CR) {
          if (pos + 1 >= end && !final) {
            complete = false;
            break;
          }
          pos++;
        }
        if (pos < end && buf[pos] === LF) pos++;
        break;
      }
      if (!complete) {
        pos = rowStart;
        break;
      }
      if (field !== this.#nFields) {
        throw this.parseError(`has ${field} field${field === 1 ? '' : 's'}, the header has ${this.#nFields} (ragged row)`);
      }
      this.line += 1 + extraLines;
      this.row++;
      rows++;
    }
    return { pos, rows };
  }

  private where(): string {
    return `${this.source}: row ${this.row + 1} (line ${this.line + 1})`;
  }

  private parseError(what: string) {
    return ioError('ParseError', `${this.where()} ${what}`);
  }

  private cellError(buf: Uint8Array, s: number, e: number, field: number): never {
    const text = cellText(buf, s, e);
    const column = `column "${this.names[field]}"`;
    switch (classifyCell(text)) {
      case 'empty':
        throw ioError('NonFiniteValue', `${this.where()}, ${column} is empty (missing value)`);
      case 'nonfinite':
        throw ioError('NonFiniteValue', `${this.where()}, ${column} is "${text.trim()}", not a finite float32`);
      default:
        throw ioError('ParseError', `${this.where()}, ${column}: "${text.length > 40 ? `${text.slice(0, 40)}...` : text}" is not a number`);
    }
  }
}
