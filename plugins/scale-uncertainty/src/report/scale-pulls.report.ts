import type { MetricValue, PlotSpec, ReportDocument } from '@hepuq/core';
import type { ScalePullsResult } from '../analysis/scale-pulls.result.js';
import type { PullSummary } from '../physics/pull-summary.js';
import { processTableHtml } from './process-table.html.js';
import { pullHistogramPlot } from './pull-histogram.plot.js';
import { uncertaintyVsNPlot } from './uncertainty-vs-n.plot.js';

/**
 * The plots of a result: pull histograms before (plain) and after (reference) with the unit
 * Gaussian, and the uncertainty-vs-n plot.
 * @example scalePullsPlots(result, 8).map((p) => p.name) // ['pulls-plain', 'pulls-reference', 'uncertainty-vs-n']
 */
export function scalePullsPlots(result: ScalePullsResult, histogramRange: number): PlotSpec[] {
  const plots = [
    pullHistogramPlot(Float64Array.from(result.processes, (p) => p.pullPlain), {
      name: 'pulls-plain', title: 'Pulls of the LO scale variation (before)', range: histogramRange,
    }),
  ];
  if (result.reference) {
    plots.push(pullHistogramPlot(Float64Array.from(result.processes, (p) => p.pullReference as number), {
      name: 'pulls-reference', title: 'Pulls with the reference-process uncertainty (after)', range: histogramRange,
    }));
  }
  plots.push(uncertaintyVsNPlot(result));
  return plots;
}

/**
 * Flat metrics for metrics.json and the report table: pull moments and tail fractions per method
 * (`plain.mean`, `reference.beyond_3`, ...) and the QCD per-particle averages, each with its error.
 * @example scalePullsMetrics(result)['reference.std'] // { value: 1.50, error: 0.26 }
 */
export function scalePullsMetrics(result: ScalePullsResult): Record<string, MetricValue> {
  const metrics: Record<string, MetricValue> = {};
  const add = (method: string, s: PullSummary) => {
    metrics[`${method}.mean`] = { value: s.mean, error: s.meanError };
    metrics[`${method}.std`] = { value: s.std, error: s.stdError };
    metrics[`${method}.median`] = { value: s.median };
    for (const b of s.beyond) metrics[`${method}.beyond_${b.k}`] = { value: b.fraction, error: b.error };
  };
  add('plain', result.summary.plain.all);
  if (result.summary.reference) add('reference', result.summary.reference.all);
  const average = result.reference?.qcdPerParticle;
  if (average) {
    metrics['qcd_per_particle.up'] = { value: average.up, error: average.upError };
    metrics['qcd_per_particle.down'] = { value: -average.down, error: average.downError };
  }
  return metrics;
}

/**
 * The whole report for `hepuq scale-pulls --report <dir>`: metadata, metrics, plots and the per-process table.
 * @example await ctx.writeReport('out', scalePullsReport(result, 8))
 */
export function scalePullsReport(result: ScalePullsResult, histogramRange: number): ReportDocument {
  return {
    title: 'Scale-uncertainty pulls',
    metadata: {
      table: result.table.path,
      layout: result.table.layout,
      reference: result.reference?.path ?? null,
      method: result.method,
      pullDefinition: result.pullDefinition,
      tailThreshold: result.tailThreshold,
    },
    metrics: scalePullsMetrics(result),
    plots: scalePullsPlots(result, histogramRange),
    html: [processTableHtml(result)],
  };
}
