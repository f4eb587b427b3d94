/** The table layouts the reader recognises (see each `*.layout.ts` and the README). */
export type TableLayoutName = 'scale-points' | 'published' | 'published-pulls' | 'relative';

/** Which variation set produced a row's LO uncertainty. */
export type EnvelopeKind = '3-point' | '7-point' | 'published';

/**
 * One process of a cross-section table, in the one shape every layout is converted to. Relative
 * uncertainties are positive magnitudes: `relUp = Δσ+/σ0`, `relDown = |Δσ-|/σ0`.
 */
export interface ProcessRow {
  /** Where the row came from, for messages: `table.csv line 4` or `table.json rows[2]`. */
  readonly source: string;
  /** Process in MadGraph syntax, e.g. `p p > z j`. */
  readonly process: string;
  /** Number of final-state particles n. */
  readonly nFinal: number;
  /** LO cross section at the central scale mu0 (absent when the table gives relative numbers only). */
  readonly sigmaLo?: number;
  readonly relUp: number;
  readonly relDown: number;
  readonly envelope: EnvelopeKind;
  /** NLO cross section at mu0, when the table has it. */
  readonly sigmaNlo?: number;
  /** Relative shift (σ_NLO - σ_LO)/σ_LO; absent in reference-only tables. */
  readonly relShift?: number;
  /** The pull as published, for tables that carry one. */
  readonly publishedPull?: number;
}

/** A parsed table: its rows and what it was read from. */
export interface ProcessTable {
  /** File path, or the name given to `parseTable`. */
  readonly name: string;
  readonly layout: TableLayoutName;
  readonly rows: readonly ProcessRow[];
}
