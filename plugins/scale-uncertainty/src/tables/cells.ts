import { HepuqError, z } from '@hepuq/core';
import { PLUGIN_NAME } from '../plugin-meta.js';
import type { RawRecord, RawTable } from './raw-table.js';

/** CSV cells arrive as text: blank means missing, anything else is read as a number (NaN fails validation). */
function toNumber(cell: unknown): unknown {
  if (cell === null || cell === undefined) return undefined;
  if (typeof cell !== 'string') return cell;
  return cell.trim() === '' ? undefined : Number(cell);
}

/** A numeric cell validated by `schema`. */
export const numberCell = <S extends z.ZodType>(schema: S) => z.preprocess(toNumber, schema);

/** Number of final-state particles: a positive integer. */
export const nFinalCell = numberCell(z.number().int('must be a whole number of particles').positive('must be at least 1'));

/** A cross section: positive (a negative or zero LO cross section has no relative uncertainty). */
export const crossSectionCell = numberCell(z.number().positive('cross section must be positive'));

/** A cross section that may vanish (NLO), but never be negative. */
export const nonNegativeCrossSectionCell = numberCell(z.number().nonnegative('cross section must not be negative'));

/** A scale uncertainty: its sign is the direction and is dropped; zero makes the pull undefined. */
export const uncertaintyCell = numberCell(
  z.number().refine((v) => v !== 0, 'zero scale uncertainty makes the pull undefined').transform(Math.abs),
);

/** Any finite number (e.g. a published pull). */
export const finiteCell = numberCell(z.number());

/**
 * Validate one row's cells; turn the first zod issue into a catalog error naming the row and column:
 * a blank cell is `MissingColumn`, text that is not a finite number `ParseError`, a number out of
 * range (negative cross section, zero uncertainty, fractional n) `InvalidArgument`.
 * @example parseCells(z.object({ n_final: nFinalCell }), record)
 */
export function parseCells<S extends z.ZodType>(schema: S, record: RawRecord, process: string): z.infer<S> {
  const result = schema.safeParse(record.values);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const column = String(issue.path[0] ?? '');
  const raw = record.values[column];
  const where = `${record.source} ("${process}"), column "${column}"`;
  const value = toNumber(raw);
  if (value === undefined) {
    throw new HepuqError('MissingColumn', `${where}: no value`, { plugin: PLUGIN_NAME });
  }
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new HepuqError('ParseError', `${where}: ${JSON.stringify(raw)} is not a finite number`, { plugin: PLUGIN_NAME });
  }
  throw new HepuqError('InvalidArgument', `${where}: ${issue.message} (got ${String(raw)})`, { plugin: PLUGIN_NAME });
}

/**
 * Fail with `MissingColumn` unless the header has every column a layout needs.
 * @example requireColumns(table, ['n_final', 'lo_pb'], 'published')
 */
export function requireColumns(table: RawTable, columns: readonly string[], layout: string): void {
  const missing = columns.filter((c) => !table.columns.includes(c));
  if (missing.length > 0) {
    throw new HepuqError(
      'MissingColumn',
      `${table.headerSource}: column${missing.length > 1 ? 's' : ''} ${missing.map((c) => `"${c}"`).join(', ')} missing; the "${layout}" layout needs ${columns.join(', ')}`,
      { plugin: PLUGIN_NAME },
    );
  }
}

/**
 * The process of a row, from `madgraph_syntax` (preferred) or `process`.
 * @example processOf({ source: 't.csv row 1 (line 2)', values: { process: 'p p > z' } }) // 'p p > z'
 */
export function processOf(record: RawRecord): string {
  for (const column of PROCESS_COLUMNS) {
    const value = record.values[column];
    if (typeof value === 'string' && value.trim() !== '') return value.trim();
  }
  throw new HepuqError('MissingColumn', `${record.source}: no process (columns ${PROCESS_COLUMNS.join(' or ')})`, { plugin: PLUGIN_NAME });
}

/** Where the process string is read from, in order of preference. */
export const PROCESS_COLUMNS = ['madgraph_syntax', 'process'] as const;
