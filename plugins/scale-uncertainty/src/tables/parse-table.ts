import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import { HepuqError } from '@hepuq/core';
import { PLUGIN_NAME } from '../plugin-meta.js';
import { PROCESS_COLUMNS, processOf } from './cells.js';
import type { ProcessTable } from './process-row.js';
import { publishedPullsLayout } from './published-pulls.layout.js';
import { publishedLayout } from './published.layout.js';
import { rawRecords, type TableFormat } from './read-records.js';
import { relativeLayout } from './relative.layout.js';
import { scalePointsLayout } from './scale-points.layout.js';
import type { TableLayout, TableOptions } from './table-layout.js';

/** Every layout, tried in this order against the header. */
export const TABLE_LAYOUTS: readonly TableLayout[] = [scalePointsLayout, publishedLayout, publishedPullsLayout, relativeLayout];

/**
 * Parse a cross-section table from text: detect its layout from the header, validate every row.
 * Throws catalog errors that name the row: MissingColumn, ParseError, InvalidArgument.
 * @example parseTable('madgraph_syntax,n_final,rel_scale_unc_lo,pull_nlo_vs_lo\np p > z,1,0.146,1.87\n', { name: 'mine.csv' })
 */
export function parseTable(text: string, options: TableOptions & { name: string; format?: TableFormat }): ProcessTable {
  const format = options.format ?? formatOf(options.name);
  const raw = rawRecords(text, options.name, format);
  if (raw.records.length === 0) {
    throw new HepuqError('EmptyDataset', `${options.name} has a header but no rows`, { plugin: PLUGIN_NAME });
  }
  if (!PROCESS_COLUMNS.some((c) => raw.columns.includes(c))) {
    throw new HepuqError('MissingColumn', `${raw.headerSource}: no process column (${PROCESS_COLUMNS.join(' or ')})`, { plugin: PLUGIN_NAME });
  }
  const layout = TABLE_LAYOUTS.find((l) => raw.columns.includes(l.marker));
  if (!layout) {
    const markers = TABLE_LAYOUTS.map((l) => `"${l.marker}" (${l.name})`).join(', ');
    throw new HepuqError('MissingColumn', `${raw.headerSource}: cannot tell the table layout; expected one of the columns ${markers}`, {
      plugin: PLUGIN_NAME,
      hint: 'See the "Table formats" section of the @hepuq/plugin-scale-uncertainty README.',
    });
  }
  const parseRow = layout.prepare(raw, options);
  const rows = raw.records.map((record) => parseRow(record, processOf(record)));
  return { name: options.name, layout: layout.name, rows };
}

/**
 * Read and parse a table file (`.csv` or `.json`).
 * @example const table = await readTable('my-processes.csv', { envelope: '7-point' });
 */
export async function readTable(path: string, options: TableOptions = {}): Promise<ProcessTable> {
  const format = formatOf(path);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (e) {
    throw new HepuqError('FileUnreadable', `${path}: ${(e as Error).message}`, { plugin: PLUGIN_NAME, cause: e });
  }
  return parseTable(text, { ...options, name: path, format });
}

/** The format from the file extension. */
function formatOf(name: string): TableFormat {
  const ext = extname(name).toLowerCase();
  if (ext === '.csv') return 'csv';
  if (ext === '.json') return 'json';
  throw new HepuqError('UnsupportedFormat', `${name}: tables must be .csv or .json, got "${ext || '(no extension)'}"`, { plugin: PLUGIN_NAME });
}
