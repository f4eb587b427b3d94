import type { MetricBin, MetricTableRow, MetricValue, Prediction } from '@hepuq/core';
import type { RunOutputOptions } from './run-output.js';

export interface RunResult {
  outDir: string;
  /** metrics.json's values: the standard metrics and the model's plain diagnostics. */
  metrics: Record<string, MetricValue>;
  /** metrics.json's arrays: the model's binned diagnostics (e.g. `auc_by_nuisance`). */
  metricBins: Record<string, MetricBin[]>;
  /** metrics.json's tables: the metrics' per-bin results (e.g. `closure`); absent for an unfolding run. */
  metricTables?: Record<string, MetricTableRow[]>;
  /** The test prediction (absent for an unfolding run). */
  prediction?: Prediction;
}

export interface ExecuteRunOptions extends RunOutputOptions {
  /** Parent directory of run outputs (default `runs`). */
  outRoot?: string;
  /** Aborting (Ctrl-C) stops the run at the next training step or stage with `Interrupted`. */
  signal?: AbortSignal;
}
