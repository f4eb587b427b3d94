import type { FileHandle } from 'node:fs/promises';
import { assertColumnsPresent } from '../common/column-selection.js';
import { ioError } from '../common/io-error.js';
import { openForRead } from '../common/open-file.js';
import { parseCsvHeader, type CsvHeader } from './csv-header.js';
import { CsvScanner, type CsvDialect } from './csv-scanner.js';

/** Bytes read from disk at a time. */
export const CSV_BLOCK_BYTES = 1 << 20;

/** A block of parsed rows: one Float32Array per wanted column, and the 0-based index of its first row. */
export interface CsvBlock {
  columns: Float32Array[];
  firstRow: number;
}

/** Buffered block reader: holds the unread tail of the previous block plus one new block. */
class BlockReader {
  buf: Buffer = Buffer.alloc(0);
  pos = 0;
  eof = false;
  constructor(private readonly handle: FileHandle) {}

  async fill(): Promise<void> {
    const block = Buffer.allocUnsafe(CSV_BLOCK_BYTES);
    const { bytesRead } = await this.handle.read(block, 0, CSV_BLOCK_BYTES, null);
    if (bytesRead === 0) this.eof = true;
    this.buf = Buffer.concat([this.buf.subarray(this.pos), block.subarray(0, bytesRead)]);
    this.pos = 0;
  }
}

async function readHeader(source: string, reader: BlockReader, dialect: CsvDialect): Promise<CsvHeader> {
  for (;;) {
    const header = parseCsvHeader(source, reader.buf, dialect, reader.eof);
    if (header) return header;
    if (reader.eof) throw ioError('EmptyDataset', `${source} is empty: no header row`);
    await reader.fill();
  }
}

/** The column names in a CSV file's header. */
export async function csvColumnNames(path: string, dialect: CsvDialect): Promise<string[]> {
  const handle = await openForRead(path);
  try {
    return (await readHeader(path, new BlockReader(handle), dialect)).names;
  } finally {
    await handle.close();
  }
}

/**
 * Stream the `wanted` columns of a CSV file in blocks of at most `blockRows` rows, from data row
 * `start` for `count` rows. Memory: one block of columns plus one read block and the longest row.
 */
export async function* readCsvBlocks(
  path: string,
  dialect: CsvDialect,
  wanted: readonly string[],
  blockRows: number,
  start = 0,
  count = Infinity,
): AsyncGenerator<CsvBlock> {
  const handle = await openForRead(path);
  try {
    const reader = new BlockReader(handle);
    const header = await readHeader(path, reader, dialect);
    assertColumnsPresent(path, header.names, wanted);
    const slots = new Int32Array(header.names.length).fill(-1);
    wanted.forEach((name, j) => (slots[header.names.indexOf(name)] = j));
    const scanner = new CsvScanner(path, header.names, slots, dialect);
    scanner.line = header.lines;
    reader.pos = header.pos;

    let toSkip = start;
    while (toSkip > 0) {
      const r = scanner.scan(reader.buf, reader.pos, reader.buf.length, reader.eof, null, 0, toSkip);
      reader.pos = r.pos;
      toSkip -= r.rows;
      if (toSkip > 0) {
        if (reader.eof) return;
        await reader.fill();
      }
    }

    let left = count;
    let cols = wanted.map(() => new Float32Array(Math.min(blockRows, left)));
    let filled = 0;
    let firstRow = start;
    while (left > 0) {
      const r = scanner.scan(reader.buf, reader.pos, reader.buf.length, reader.eof, cols, filled, Math.min(cols[0].length - filled, left));
      reader.pos = r.pos;
      filled += r.rows;
      left -= r.rows;
      if (filled === cols[0].length) {
        yield { columns: cols, firstRow };
        firstRow += filled;
        filled = 0;
        if (left > 0) cols = wanted.map(() => new Float32Array(Math.min(blockRows, left)));
        continue;
      }
      if (reader.eof && reader.pos >= reader.buf.length) break;
      if (r.rows === 0 || reader.pos >= reader.buf.length) await reader.fill();
    }
    if (filled > 0) yield { columns: cols.map((c) => c.slice(0, filled)), firstRow };
  } finally {
    await handle.close();
  }
}
