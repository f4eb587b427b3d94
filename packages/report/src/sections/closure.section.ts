import { escapeHtml, measurementText, type MetricOutput, type MetricTableRow, type PlotSpec, type ReportContext, type ReportSection } from '@hepuq/core';
import { CLOSURE_COMPARE, METRIC_OUTPUTS_ARTIFACT, type ClosureCompareArtifact, type ClosureRow } from '@hepuq/stats';
import { closurePlot, type ClosureSeries } from '../plots/closure.plot.js';
import { withUnit } from '../plots/plot-data.js';

export const CLOSURE_SECTION = 'closure';

/** One calibration's closure as the section draws it: a label and its rows (plain and reweighted). */
interface Entry {
  label: string;
  closure: readonly ClosureRow[];
  reweighted?: readonly ClosureRow[];
}

const compare = (ctx: ReportContext) => ctx.artifacts[CLOSURE_COMPARE] as ClosureCompareArtifact | undefined;

/** The closure tables of the run's metrics, or of `hepuq metrics --report`'s metric outputs. */
function tables(ctx: ReportContext): Record<string, MetricTableRow[]> | undefined {
  if (ctx.metricTables?.closure) return ctx.metricTables;
  const outputs = ctx.artifacts[METRIC_OUTPUTS_ARTIFACT] as Record<string, MetricOutput> | undefined;
  return outputs?.closure?.tables;
}

/** The calibrations to draw: those of `closure-compare`, else the run's own `closure` metric table. */
function entries(ctx: ReportContext): Entry[] {
  const c = compare(ctx);
  if (c) return c.entries.map((e) => ({ label: e.label, closure: e.closure, reweighted: e.closure_reweighted }));
  const t = tables(ctx);
  const rows = t?.closure as ClosureRow[] | undefined;
  if (!rows?.length) return [];
  const method = typeof ctx.metadata.method === 'string' ? ctx.metadata.method : 'prediction';
  return [{ label: method, closure: rows, reweighted: t?.closure_reweighted as ClosureRow[] | undefined }];
}

/** The residual's axis title: relative unless the comparison says absolute. */
function residualTitle(ctx: ReportContext, field: 'mean' | 'median'): string {
  return compare(ctx)?.residual === 'absolute' ? `${field} of ŷ − y` : `${field} of (ŷ − y)/y`;
}

function plots(ctx: ReportContext): PlotSpec[] {
  const list = entries(ctx);
  const xTitle = withUnit(`true ${ctx.test?.targetName ?? 'y'}`, ctx.test ? ctx.test.units[ctx.test.targetName] : undefined);
  const series = (field: 'mean' | 'median'): ClosureSeries[] => [
    ...list.map((e) => ({ label: e.label, rows: e.closure, field })),
    ...list.filter((e) => e.reweighted).map((e) => ({ label: `${e.label}, reweighted prior`, rows: e.reweighted!, field, dashed: true })),
  ];
  const what = list.length > 1 ? list.map((e) => e.label).join(' against ') : list[0].label;
  return (['median', 'mean'] as const).map((field) => closurePlot({
    name: `closure-${field}`, title: `Closure in bins of the true value: ${field} (${what})`, xTitle, yTitle: residualTitle(ctx, field), series: series(field),
  }));
}

const edge = (v: number) => escapeHtml(String(Number(v.toPrecision(4))));
const cell = (v: number, e: number) => (Number.isFinite(v) ? escapeHtml(measurementText(v, Number.isFinite(e) ? e : undefined)) : '—');

/** Per bin: the median and mean residual of every calibration, side by side. */
function html(ctx: ReportContext): string {
  const list = entries(ctx);
  const head = list.map((e) => `<th scope="col">${escapeHtml(e.label)}: median</th><th scope="col">mean</th>`).join('');
  const body = list[0].closure.map((row, b) => {
    const cells = list.map((e) => {
      const r = e.closure[b];
      return r ? `<td class="num">${cell(r.median, r.median_error)}</td><td class="num">${cell(r.mean, r.mean_error)}</td>` : '<td></td><td></td>';
    }).join('');
    return `<tr><th scope="row">[${edge(row.low)}, ${edge(row.high)})</th><td class="num">${row.n}</td>${cells}</tr>`;
  }).join('');
  return `<table class="metrics"><thead><tr><th scope="col">bin of the true value</th><th scope="col">events</th>${head}</tr></thead><tbody>${body}</tbody></table>`;
}

/**
 * The closure section (Nachman 2020, "Calibration — a regression task"): the median and the mean of
 * the residual (prediction − y)/y in bins of the true y with error bars, and the per-bin table. With
 * the `closure-compare` step the run's calibration and the direct regression are drawn side by side
 * in each plot; otherwise the run's own `closure` metric table (asked for in `metrics:`, or by
 * `hepuq metrics --metrics closure --report`). A reweighted
 * test prior, when asked for, is drawn dashed.
 * @example ctx.reportSections.add(CLOSURE_SECTION, closureSection)
 */
export const closureSection: ReportSection = {
  key: CLOSURE_SECTION,
  title: 'Closure',
  order: 40,
  applies: (ctx) => entries(ctx).length > 0,
  plots,
  html,
};
