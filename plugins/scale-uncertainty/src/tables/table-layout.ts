import type { EnvelopeChoice } from '../scale-uncertainty.options.js';
import type { ProcessRow, TableLayoutName } from './process-row.js';
import type { RawRecord, RawTable } from './raw-table.js';

/** Settings that change how rows are read. */
export interface TableOptions {
  /** Scale points of a scale-point table's envelope (default `auto`). */
  envelope?: EnvelopeChoice;
}

/**
 * One table layout: the column that identifies it, and a row parser built after checking the header.
 * Add a layout by writing one of these and listing it in `TABLE_LAYOUTS`.
 */
export interface TableLayout {
  readonly name: TableLayoutName;
  /** A table whose header has this column has this layout. */
  readonly marker: string;
  /** Check the header (MissingColumn) and return the row parser. */
  prepare(table: RawTable, options: TableOptions): (record: RawRecord, process: string) => ProcessRow;
}
