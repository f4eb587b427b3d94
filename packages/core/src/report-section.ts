import type { Dataset } from './data/dataset.js';
import type { Prediction } from './method/prediction.js';
import type { MetricBin } from './method/model-diagnostics.js';
import type { MetricTableRow, MetricValue } from './metrics/metric.js';

/** A named Vega-Lite plot. `spec` is a Vega-Lite JSON specification with inline data. */
export interface PlotSpec {
  name: string;
  title: string;
  spec: Record<string, unknown>;
}

/** What a report section sees of a finished run. */
export interface ReportContext {
  name: string;
  metadata: Record<string, unknown>;
  metrics: Record<string, MetricValue>;
  /** Binned diagnostics of the model (metrics.json arrays such as `auc_by_nuisance`). */
  metricBins?: Record<string, MetricBin[]>;
  /** Tables of the run's metrics (metrics.json arrays such as `closure`: one row per bin). */
  metricTables?: Record<string, MetricTableRow[]>;
  test?: Dataset;
  prediction?: Prediction;
  /** Anything a plugin's run step added (e.g. unfolded spectra, scan results). */
  artifacts: Record<string, unknown>;
}

/** A report section contributed by core or a plugin: plots plus optional HTML. */
export interface ReportSection {
  readonly key: string;
  readonly title: string;
  /** Sections are rendered in ascending order (core sections use 0-100). */
  readonly order?: number;
  applies(ctx: ReportContext): boolean;
  plots(ctx: ReportContext): PlotSpec[];
  html?(ctx: ReportContext): string;
}

/** A report to render: metadata, a metrics table, plots and optional HTML blocks. */
export interface ReportDocument {
  title: string;
  metadata: Record<string, unknown>;
  metrics: Record<string, MetricValue>;
  plots: PlotSpec[];
  /** Extra HTML fragments (tables) placed after the plots, in order. */
  html?: string[];
}

/** Writes `report.html` plus one SVG and PNG per plot into a directory (implemented by @hepuq/report). */
export type ReportWriter = (dir: string, doc: ReportDocument) => Promise<string[]>;
