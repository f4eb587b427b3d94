import { splitItemPath, type ColumnSelection, type DataFormat, type Dataset, type ReadOptions } from '@hepuq/core';
import { concatColumns } from '../common/concat-columns.js';
import { assertChunkSize } from '../common/entry-range.js';
import { parseFormatOptions } from '../common/format-options.js';
import { ioError } from '../common/io-error.js';
import { planSelection, type SelectionPlan } from '../common/set-columns.js';
import { toDataset } from '../common/to-dataset.js';
import { CSV, CsvOptions } from './csv-options.js';
import { csvColumnNames, readCsvBlocks } from './csv-read.js';
import type { CsvDialect } from './csv-scanner.js';
import { writeCsv } from './csv-write.js';

/** Rows per internal block when `read` collects a whole file. */
const READ_BLOCK_ROWS = 1 << 16;

function dialectFor(path: string, options?: ReadOptions): CsvDialect {
  const opts = parseFormatOptions(CSV, CsvOptions, path, options?.options);
  const delimiter = opts.delimiter ?? (path.toLowerCase().endsWith('.tsv') ? '\t' : ',');
  const comment = opts.comment === undefined ? '#' : opts.comment;
  return { delimiter: delimiter.charCodeAt(0), comment: comment === false ? -1 : comment.charCodeAt(0) };
}

function filePath(spec: string): string {
  const { path, item } = splitItemPath(spec);
  if (item !== undefined) throw ioError('UnsupportedFormat', `${spec}: a CSV file has no items ("${item}")`);
  return path;
}

/** The columns to parse; the header is read first only when a set names an indexed family (`E_{i}`). */
async function plan(path: string, dialect: CsvDialect, selection: ColumnSelection): Promise<SelectionPlan> {
  const available = selection.sets && Object.keys(selection.sets).length > 0 ? await csvColumnNames(path, dialect) : [];
  return planSelection(path, selection, available, { format: CSV, lists: false });
}

/**
 * CSV with a header row (RFC 4180 quoting, `#` comment lines, LF/CRLF). Only the selected columns are
 * parsed; other columns may hold text. Empty, NaN or Inf cells in selected columns are errors.
 * Particle sets come from indexed column families (`E_{i}`); CSV has no list columns.
 * @example const ds = await csvFormat().read('train.csv', { features: ['x1', 'x2'], target: 'y' })
 */
export function csvFormat(): DataFormat {
  return {
    key: CSV,
    extensions: ['.csv', '.tsv'],
    description: 'Comma-separated values with a header row (read, write)',

    async read(spec: string, selection: ColumnSelection, options?: ReadOptions): Promise<Dataset> {
      const path = filePath(spec);
      const dialect = dialectFor(path, options);
      const p = await plan(path, dialect, selection);
      const wanted = p.flat;
      const blocks: Float32Array[][] = [];
      for await (const block of readCsvBlocks(path, dialect, wanted, READ_BLOCK_ROWS, options?.start ?? 0, options?.count ?? Infinity)) {
        blocks.push(block.columns);
      }
      const cols = concatColumns(blocks, wanted.length);
      return toDataset(path, new Map(wanted.map((name, j) => [name, cols[j]])), selection, options?.start ?? 0, { plan: p });
    },

    async *readChunks(spec: string, selection: ColumnSelection, chunkSize: number, options?: ReadOptions): AsyncIterable<Dataset> {
      const path = filePath(spec);
      assertChunkSize(path, chunkSize);
      const dialect = dialectFor(path, options);
      const p = await plan(path, dialect, selection);
      const wanted = p.flat;
      let any = false;
      for await (const block of readCsvBlocks(path, dialect, wanted, chunkSize, options?.start ?? 0, options?.count ?? Infinity)) {
        any = true;
        yield toDataset(path, new Map(wanted.map((name, j) => [name, block.columns[j]])), selection, block.firstRow, { plan: p });
      }
      if (!any) throw ioError('EmptyDataset', `${path}: no events to read`);
    },

    async columns(spec: string, options?: ReadOptions): Promise<string[]> {
      const path = filePath(spec);
      return csvColumnNames(path, dialectFor(path, options));
    },

    async write(path: string, columns: Record<string, Float32Array>): Promise<void> {
      await writeCsv(path, columns, path.toLowerCase().endsWith('.tsv') ? '\t' : ',');
    },
  };
}
