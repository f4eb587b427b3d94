import { HepuqError } from '@hepuq/core';
import { parse } from 'csv-parse/sync';
import { PLUGIN_NAME } from '../plugin-meta.js';
import type { RawRecord, RawTable } from './raw-table.js';

/** Input formats the reader understands. */
export type TableFormat = 'csv' | 'json';

/**
 * Split CSV text into header and rows (`#` starts a comment line, blank lines are skipped).
 * @example csvRecords('process,n_final\np p > z,1\n', 'my.csv').records[0].source // 'my.csv row 1 (line 2)'
 */
export function csvRecords(text: string, name: string): RawTable {
  let rows: { record: string[]; info: { lines: number } }[];
  try {
    rows = parse(text, { info: true, skip_empty_lines: true, trim: true, comment: '#' }) as unknown as typeof rows;
  } catch (e) {
    throw new HepuqError('ParseError', `${name}: ${(e as Error).message}`, { plugin: PLUGIN_NAME, cause: e });
  }
  if (rows.length === 0) throw new HepuqError('EmptyDataset', `${name} has no header and no rows`, { plugin: PLUGIN_NAME });
  const columns = rows[0].record;
  const records = rows.slice(1).map(({ record, info }, i): RawRecord => ({
    source: `${name} row ${i + 1} (line ${info.lines})`,
    values: Object.fromEntries(columns.map((c, j) => [c, record[j]])),
  }));
  return { name, columns, headerSource: `${name} header (line ${rows[0].info.lines})`, records };
}

/**
 * Read a JSON table: an array of row objects, or `{ "rows": [...] }` (other keys, e.g. a citation, are kept out).
 * @example jsonRecords('[{"process":"p p > z","n_final":1}]', 'my.json').records[0].source // 'my.json rows[0]'
 */
export function jsonRecords(text: string, name: string): RawTable {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    throw new HepuqError('ParseError', `${name}: ${(e as Error).message}`, { plugin: PLUGIN_NAME, cause: e });
  }
  const rows = Array.isArray(data) ? data : (data as { rows?: unknown } | null)?.rows;
  if (!Array.isArray(rows)) {
    throw new HepuqError('ParseError', `${name}: expected an array of rows or an object with a "rows" array`, { plugin: PLUGIN_NAME });
  }
  const records = rows.map((row: unknown, i): RawRecord => {
    if (typeof row !== 'object' || row === null || Array.isArray(row)) {
      throw new HepuqError('ParseError', `${name} rows[${i}]: expected an object of column -> value`, { plugin: PLUGIN_NAME });
    }
    return { source: `${name} rows[${i}]`, values: row as Record<string, unknown> };
  });
  const columns = records.length > 0 ? Object.keys(records[0].values) : [];
  return { name, columns, headerSource: `${name} rows[0]`, records };
}

/** Dispatch on the format. */
export function rawRecords(text: string, name: string, format: TableFormat): RawTable {
  return format === 'csv' ? csvRecords(text, name) : jsonRecords(text, name);
}
