import type { MetricValue } from '../metrics/metric.js';

/** One bin of a binned diagnostic: a value with its error over [low, high) of some column. */
export interface MetricBin {
  low: number;
  high: number;
  value: number;
  error?: number;
}

/**
 * What a fitted model reports about itself beside the standard metrics, e.g. an adversary's final
 * loss or the AUC in bins of a nuisance. Runs merge it into metrics.json: plain values join the
 * metrics table, binned ones (`MetricBin[]`) are written as arrays.
 */
export type ModelDiagnostics = Record<string, MetricValue | MetricBin[]>;

/** Diagnostics split into plain values and binned arrays. */
export function splitDiagnostics(diagnostics: ModelDiagnostics): { values: Record<string, MetricValue>; bins: Record<string, MetricBin[]> } {
  const values: Record<string, MetricValue> = {};
  const bins: Record<string, MetricBin[]> = {};
  for (const [key, d] of Object.entries(diagnostics)) {
    if (Array.isArray(d)) bins[key] = d;
    else values[key] = d;
  }
  return { values, bins };
}
