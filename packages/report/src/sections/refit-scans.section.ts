import { escapeHtml, measurementText, type MetricValue, type PlotSpec, type ReportContext, type ReportSection } from '@hepuq/core';
import { DATA_SCALING, PRIOR_SCAN, type DataScalingArtifact, type PriorScanArtifact } from '@hepuq/stats';
import { linePlot, type LineSeries } from '../plots/line.plot.js';

export const REFIT_SCANS_SECTION = 'refit-scans';

const SCORE_TITLE: Record<string, string> = { 'gaussian-nll': 'Gaussian NLL', bce: 'cross-entropy', 'log-loss': 'log-loss' };

const priorScan = (ctx: ReportContext) => ctx.artifacts[PRIOR_SCAN] as PriorScanArtifact | undefined;
const dataScaling = (ctx: ReportContext) => ctx.artifacts[DATA_SCALING] as DataScalingArtifact | undefined;

/** Score (±1σ) and mean sigmas against the prior width, both on a log width axis. */
function priorPlots(a: PriorScanArtifact): PlotSpec[] {
  const w = a.points.map((p) => p.width);
  const score = a.points[0].score_metric;
  const sigmas: LineSeries[] = [{ label: 'σ_stat', x: w, y: a.points.map((p) => p.sigma_stat), points: true }];
  if (a.points.every((p) => p.sigma_syst !== undefined)) sigmas.push({ label: 'σ_syst', x: w, y: a.points.map((p) => p.sigma_syst!), points: true });
  const plots = [
    linePlot({ name: 'prior-scan-score', title: `Test ${SCORE_TITLE[score] ?? score} against the prior width`, xTitle: `prior width (${a.option})`, yTitle: SCORE_TITLE[score] ?? score, logX: true,
      series: [{ label: score, x: w, y: a.points.map((p) => p.score.value), error: a.points.map((p) => p.score.error ?? 0), points: true }] }),
    linePlot({ name: 'prior-scan-sigma', title: 'Mean uncertainty against the prior width', xTitle: `prior width (${a.option})`, yTitle: 'mean σ', logX: true, logY: true, series: sigmas }),
  ];
  if (a.points.every((p) => p.auc)) {
    plots.push(linePlot({ name: 'prior-scan-auc', title: 'AUC against the prior width', xTitle: `prior width (${a.option})`, yTitle: 'AUC', logX: true,
      series: [{ label: 'AUC', x: w, y: a.points.map((p) => p.auc!.value), error: a.points.map((p) => p.auc!.error ?? 0), points: true }] }));
  }
  return plots;
}

/** Mean sigmas (±1σ over repeats) against N_train on log-log axes, with the N^-1/2 line through the largest N. */
function scalingPlots(a: DataScalingArtifact): PlotSpec[] {
  const n = a.points.map((p) => p.n_train);
  const last = a.points[a.points.length - 1];
  const series: LineSeries[] = [
    { label: 'σ_stat', x: n, y: a.points.map((p) => p.sigma_stat.value), error: a.points.map((p) => p.sigma_stat.error ?? 0), points: true },
    { label: 'N^-1/2', x: n, y: n.map((x) => last.sigma_stat.value * Math.sqrt(last.n_train / x)), dashed: true },
  ];
  if (a.points.every((p) => p.sigma_syst)) series.push({ label: 'σ_syst', x: n, y: a.points.map((p) => p.sigma_syst!.value), error: a.points.map((p) => p.sigma_syst!.error ?? 0), points: true });
  if (a.points.every((p) => p.error_of_mean)) series.push({ label: 'rms(mean − truth)', x: n, y: a.points.map((p) => p.error_of_mean!.value), points: true });
  return [linePlot({ name: 'data-scaling-sigma', title: 'Mean uncertainty against the training-set size', xTitle: 'training events', yTitle: 'mean σ', logX: true, logY: true, series })];
}

const cell = (m: MetricValue | undefined) => (m && Number.isFinite(m.value) ? escapeHtml(measurementText(m.value, m.error)) : '—');

function summaryHtml(ctx: ReportContext): string {
  const rows: string[] = [];
  const p = priorScan(ctx);
  if (p) rows.push(`<tr><th scope="row">prior plateau from width (${escapeHtml(p.option)})</th><td class="num">${p.plateau_from === null ? 'none' : escapeHtml(String(p.plateau_from))}</td></tr>`);
  const s = dataScaling(ctx);
  if (s) {
    rows.push(`<tr><th scope="row">exponent of σ_stat in N (expected −1/2)</th><td class="num">${cell(s.stat_slope)}</td></tr>`);
    if (s.syst_slope) rows.push(`<tr><th scope="row">exponent of σ_syst in N (expected 0)</th><td class="num">${cell(s.syst_slope)}</td></tr>`);
    if (s.error_slope) rows.push(`<tr><th scope="row">exponent of rms(mean − truth) in N</th><td class="num">${cell(s.error_slope)}</td></tr>`);
  }
  return rows.length ? `<table class="metrics"><tbody>${rows.join('')}</tbody></table>` : '';
}

/**
 * The report section of the refit scans: the `prior-scan` plateau (score, AUC and sigma against the
 * prior width) and the `data-scaling` plot (sigma_stat and sigma_syst against N with the N^-1/2
 * line), with the plateau start and the fitted exponents in a table.
 * @example ctx.reportSections.add(REFIT_SCANS_SECTION, refitScansSection)
 */
export const refitScansSection: ReportSection = {
  key: REFIT_SCANS_SECTION,
  title: 'Prior independence and data scaling',
  order: 90,
  applies: (ctx) => priorScan(ctx) !== undefined || dataScaling(ctx) !== undefined,
  plots: (ctx) => {
    const p = priorScan(ctx);
    const s = dataScaling(ctx);
    return [...(p ? priorPlots(p) : []), ...(s ? scalingPlots(s) : [])];
  },
  html: summaryHtml,
};
