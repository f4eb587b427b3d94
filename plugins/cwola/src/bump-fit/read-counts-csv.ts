import { readFile } from 'node:fs/promises';
import { fileSystemError } from '@hepuq/core';
import { bumpFitError } from './bump-fit-error.js';
import { checkSpectrumRows, type SpectrumBins } from './spectrum-bins.js';

/** The columns a counts file must have (others are ignored). */
export const COUNTS_COLUMNS = ['low', 'high', 'count'] as const;

const unquote = (s: string) => s.trim().replace(/^"(.*)"$/, '$1').trim();

/** A CSV cell as a number: decimal or exponent notation, or nan/inf (left for the value checks to name). */
function parseCell(cell: string, path: string, line: number, column: string): number {
  const text = unquote(cell);
  if (/^[+-]?nan$/i.test(text)) return Number.NaN;
  if (/^[+-]?inf(inity)?$/i.test(text)) return text.startsWith('-') ? -Infinity : Infinity;
  const v = text === '' ? Number.NaN : Number(text);
  if (Number.isNaN(v)) throw bumpFitError('ParseError', `${path}: line ${line}, column "${column}": "${text}" is not a number`, 'Write bin edges (GeV) and counts as plain decimal numbers.');
  return v;
}

/**
 * Read a binned spectrum from a CSV file with a header row naming the columns `low`, `high` (bin
 * edges, GeV) and `count`, one row per bin in any order; other columns, blank lines and `#` comment
 * lines are ignored. Parsed in float64 (bin edges keep every digit). Each bin is checked on its own
 * (finite, low < high, count >= 0); contiguity and the fit are `bumpFit`'s.
 * (@hepuq/io's CSV reader yields float32 columns and is not a dependency of this plugin, hence this small parser.)
 * @example const bins = await readCountsCsv('counts.csv'); bumpFit(bins, { sr: [15, 17] })
 */
export async function readCountsCsv(path: string): Promise<SpectrumBins> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (e) {
    const err = fileSystemError(e, 'read', path, 'FileUnreadable');
    throw bumpFitError(err.code, err.message, err.hint);
  }
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/).map((l, i) => ({ l, line: i + 1 })).filter(({ l }) => l.trim() !== '' && !l.trimStart().startsWith('#'));
  if (lines.length === 0) throw bumpFitError('EmptyDataset', `${path} is empty: no header row`, `Write a header row ${COUNTS_COLUMNS.join(',')} and one row per bin.`);
  const names = lines[0].l.split(',').map(unquote);
  const missing = COUNTS_COLUMNS.filter((c) => !names.includes(c));
  if (missing.length > 0) {
    throw bumpFitError('MissingColumn', `${path}: no column ${missing.map((c) => `"${c}"`).join(', ')} in the header (it has ${names.map((c) => `"${c}"`).join(', ')})`, `The header row must name the columns ${COUNTS_COLUMNS.join(',')} (bin edges in GeV and the count).`);
  }
  const at = COUNTS_COLUMNS.map((c) => names.indexOf(c));
  const rows = lines.slice(1);
  if (rows.length === 0) throw bumpFitError('EmptyDataset', `${path} has a header but no bins`, 'Add one row low,high,count per bin.');
  const columns = COUNTS_COLUMNS.map(() => new Float64Array(rows.length));
  rows.forEach(({ l, line }, i) => {
    const cells = l.split(',');
    if (cells.length !== names.length) throw bumpFitError('ParseError', `${path}: line ${line} has ${cells.length} fields, the header ${names.length}`, 'Give every row one value per header column (no quoted commas).');
    at.forEach((j, c) => (columns[c][i] = parseCell(cells[j], path, line, COUNTS_COLUMNS[c])));
  });
  const bins = { low: columns[0], high: columns[1], counts: columns[2] };
  checkSpectrumRows(bins, path);
  return bins;
}
