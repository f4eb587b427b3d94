import { HepuqError, type ReportContext, type ReportDocument, type ReportSection } from '@hepuq/core';
import { escapeHtml } from './html/escape-html.js';

const DEFAULT_ORDER = 100;

/**
 * Assemble a run's report: every section that applies to the run, by ascending `order` (ties keep
 * the given order), contributes its plots and HTML. Plot names must be unique across sections,
 * because each becomes a file name.
 * @example const doc = buildRunReport(app.registries.reportSections.entries().map((e) => e.value), ctx);
 * await writeReport(runDir, doc);
 */
export function buildRunReport(sections: readonly ReportSection[], ctx: ReportContext): ReportDocument {
  const ordered = sections
    .map((section, index) => ({ section, index }))
    .filter(({ section }) => section.applies(ctx))
    .sort((a, b) => (a.section.order ?? DEFAULT_ORDER) - (b.section.order ?? DEFAULT_ORDER) || a.index - b.index)
    .map(({ section }) => section);
  const doc: ReportDocument = { title: `hepuq run: ${ctx.name}`, metadata: ctx.metadata, metrics: ctx.metrics, plots: [], html: [] };
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
