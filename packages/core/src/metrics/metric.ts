import type { z } from 'zod';
import type { Prediction, PredictionKind } from '../method/prediction.js';

/** A number with its uncertainty (`error` is one standard deviation; absent where none applies). */
export interface MetricValue {
  value: number;
  error?: number;
}

export interface MetricInput {
  prediction: Prediction;
  /** Regression truth or classification label (0/1; 0..K-1 for a multiclass prediction). */
  truth: Float32Array;
  /** Event weights (may be negative); unit weights when absent. */
  weights?: Float32Array;
  /** Feature columns, for metrics binned over phase space. */
  features?: Record<string, Float32Array>;
  /**
   * Further columns of the data (`Dataset.extras`), e.g. a toy's truth function `true_mean` or
   * `true_prob`, for metrics that compare with the truth itself rather than with the sampled target.
   */
  extras?: Readonly<Record<string, Float32Array>>;
}

/** One row of a metric table (e.g. one bin of the true value): named numbers, NaN where a bin has none. */
export type MetricTableRow = Record<string, number>;

export interface MetricOutput {
  /** Flat, named values: these land in metrics.json (e.g. `pull_std`, `coverage_68`). */
  values: Record<string, MetricValue>;
  /** Optional data for plots (calibration curves, histograms): plain objects of numbers and arrays. */
  plots?: Record<string, unknown>;
  /**
   * Binned results a user reads bin by bin (e.g. `closure`: one row per bin of the true value): runs
   * write each table into metrics.json as an array under its name, beside the values.
   */
  tables?: Record<string, MetricTableRow[]>;
}

/**
 * A pure function of (prediction, truth, weights). `definition` states the exact convention
 * (e.g. "ECE: L1 gap, equal-width bins").
 */
export interface Metric {
  readonly key: string;
  /** The prediction kind it reads (`multiclass` for K-class probabilities). */
  readonly task: PredictionKind;
  readonly description: string;
  readonly definition: string;
  /** Names of the values `compute` returns (for listings and docs; a metric may add per-feature names). */
  readonly valueNames?: readonly string[];
  /**
   * Whether the metric can be computed on this input (e.g. it needs `prediction.mixture`, replicas or
   * features). Absent means: whenever `prediction.kind === task`.
   */
  applies?(input: MetricInput): boolean;
  compute(input: MetricInput): MetricOutput;
  /**
   * Options a run config may give the metric (`metrics: [{ use: <key>, options: {...} }]`), strict;
   * absent: the metric takes none. `configure` returns the metric with them (validated by this schema).
   */
  readonly options?: z.ZodType;
  configure?(options: unknown): Metric;
}
