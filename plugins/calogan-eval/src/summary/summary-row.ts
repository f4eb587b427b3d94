/** One row of the summary: one aspect of the generator, one number, its error and its ideal value. */
export interface SummaryRow {
  aspect: 'bulk' | 'tails' | 'correlations' | 'kernel' | 'manifold' | 'classifier' | 'timing';
  metric: string;
  value: number;
  error: number;
  /** What a perfect generator scores (null where no reference value applies, e.g. timing). */
  ideal: number | null;
  /** (value - ideal) / error, the significance of the deviation. */
  pull: number | null;
  verdict: 'compatible' | 'deviates' | 'n/a';
}
