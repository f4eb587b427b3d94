/** One data row before validation: its cells by column name and where it came from. */
export interface RawRecord {
  /** `table.csv row 2 (line 3)` or `table.json rows[1]`: how messages name the row. */
  readonly source: string;
  readonly values: Readonly<Record<string, unknown>>;
}

/** A table as read from CSV or JSON, before its layout is known. */
export interface RawTable {
  readonly name: string;
  /** Header columns (CSV) or the keys of the first row (JSON). */
  readonly columns: readonly string[];
  /** How messages name the header: `table.csv header (line 1)` or `table.json rows[0]`. */
  readonly headerSource: string;
  readonly records: readonly RawRecord[];
}
