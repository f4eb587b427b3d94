import type { MetricBin, PlotSpec } from '@hepuq/core';
import { linePlot } from '@hepuq/report';

/**
 * AUC with its ±1σ band against the nuisance (bin centres): flat for a pivot, falling away from the
 * nominal value for a classifier that depends on Z.
 * @example aucByNuisancePlot(metricBins.auc_by_nuisance, 'z')
 */
export function aucByNuisancePlot(bins: readonly MetricBin[], nuisance: string): PlotSpec {
  return linePlot({
    name: 'auc-by-nuisance',
    title: `AUC in bins of ${nuisance}`,
    xTitle: nuisance,
    yTitle: 'AUC',
    series: [{ label: 'test set', x: bins.map((b) => 0.5 * (b.low + b.high)), y: bins.map((b) => b.value), error: bins.map((b) => b.error ?? 0) }],
  });
}
