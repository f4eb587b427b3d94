import { HepuqError } from '../errors/hepuq-error.js';
import type { ReportContext, ReportDocument, ReportSection } from '../report-section.js';
import { escapeHtml } from './html.js';

const DEFAULT_ORDER = 100;

/**
 * Assemble a report from registered sections: every section that applies to `ctx`, by ascending
 * `order` (ties keep the given order; no order counts as 100), contributes its plots and HTML
 * (wrapped in a `<section>` with its escaped title). Plot names must be unique across sections,
 * because each becomes a file name. Used for run reports and for `hepuq metrics --report`.
 * @example const doc = buildReportDocument(app.registries.reportSections.entries().map((e) => e.value), ctx);
 * await ctx.writeReport(dir, doc);
 */
export function buildReportDocument(sections: readonly ReportSection[], ctx: ReportContext, title = `hepuq run: ${ctx.name}`): ReportDocument {
  const ordered = sections
    .map((section, index) => ({ section, index }))
    .filter(({ section }) => section.applies(ctx))
    .sort((a, b) => (a.section.order ?? DEFAULT_ORDER) - (b.section.order ?? DEFAULT_ORDER) || a.index - b.index)
    .map(({ section }) => section);
  const doc: ReportDocument = { title, metadata: ctx.metadata, metrics: ctx.metrics, plots: [], html: [] };
  const owner = new Map<string, string>();
  for (const section of ordered) {
    for (const plot of section.plots(ctx)) {
      const previous = owner.get(plot.name);
      if (previous !== undefined) {
        throw new HepuqError('DuplicateKey', `report section "${section.key}" adds plot "${plot.name}", which section "${previous}" already added`, {
          hint: 'Give each plot a unique name (it becomes plots/<name>.svg); prefix plugin plots with the section key.',
        });
      }
      owner.set(plot.name, section.key);
      doc.plots.push(plot);
    }
    const html = section.html?.(ctx);
    if (html) doc.html!.push(`<section class="extra" data-section="${escapeHtml(section.key)}"><h2>${escapeHtml(section.title)}</h2>${html}</section>`);
  }
  return doc;
}
