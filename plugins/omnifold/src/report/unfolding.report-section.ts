import { escapeHtml, formatNumber, type PlotSpec, type ReportContext, type ReportSection } from '@hepuq/core';
import { linePlot } from '@hepuq/report';
import { unfoldedSpectrumPlot, type ReportedObservable } from './unfolded-spectrum.plot.js';

export const UNFOLDING_SECTION = 'unfolding';

/** Plugin sections come after core's (0-100). */
const ORDER = 460;

const observables = (ctx: ReportContext) => (ctx.artifacts.unfolded as { observables?: ReportedObservable[] } | undefined)?.observables ?? [];
const history = (ctx: ReportContext) => (ctx.artifacts.unfolding_history as Record<string, number>[] | undefined) ?? [];

/**
 * The report section of an unfolding run: each observable unfolded (OmniFold, IBU, prior, truth
 * with a ratio panel), convergence over the iterations, and a table of the unfolded moments.
 * @example ctx.reportSections.add(UNFOLDING_SECTION, unfoldingReportSection)
 */
export const unfoldingReportSection: ReportSection = {
  key: UNFOLDING_SECTION,
  title: 'Unfolding',
  order: ORDER,
  applies: (ctx) => observables(ctx).length > 0 || history(ctx).length > 0,
  plots: (ctx) => {
    const plots: PlotSpec[] = observables(ctx).map(unfoldedSpectrumPlot);
    const h = history(ctx);
    if (h.length) {
      const it = h.map((e) => e.iteration);
      plots.push(linePlot({
        name: 'unfolding-convergence', title: 'Convergence over the iterations', xTitle: 'iteration', yTitle: 'value',
        series: [
          { label: 'relative weight change', x: it, y: h.map((e) => e.weight_change) },
          { label: 'effective sample size / n', x: it, y: h.map((e) => e.ess_fraction) },
        ],
      }));
    }
    return plots;
  },
  html: (ctx) => {
    const cell = (v: number | undefined, e?: number | null) => `<td class="num">${v === undefined ? '' : escapeHtml(e ? `${formatNumber(v)} ± ${formatNumber(e)}` : formatNumber(v))}</td>`;
    const rows = observables(ctx).map((o) => {
      const err = o.omnifold.moments_err;
      return `<tr><th scope="row">${escapeHtml(o.column)}</th>${cell(o.omnifold.moments.mean, err.mean_total)}${cell(o.omnifold.moments.std, err.std_total)}`
        + `${cell(o.ibu?.moments.mean)}${cell(o.ibu?.moments.std)}${cell(o.truth?.moments.mean)}${cell(o.truth?.moments.std)}${cell(o.prior.moments.mean)}${cell(o.prior.moments.std)}</tr>`;
    });
    if (!rows.length) return '';
    return '<table class="metrics"><thead><tr><th>observable</th><th>OmniFold mean</th><th>OmniFold width</th><th>IBU mean (binned)</th><th>IBU width (binned)</th>'
      + `<th>truth mean</th><th>truth width</th><th>prior mean</th><th>prior width</th></tr></thead><tbody>${rows.join('')}</tbody></table>`;
  },
};
