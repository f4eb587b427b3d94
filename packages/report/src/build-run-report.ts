import { buildReportDocument, type ReportContext, type ReportDocument, type ReportSection } from '@hepuq/core';

/**
 * Assemble a run's report, titled `hepuq run: <name>`, from the sections that apply (core's
 * `buildReportDocument`: ordered by `order`, plot names unique across sections).
 * @example const doc = buildRunReport(app.registries.reportSections.entries().map((e) => e.value), ctx);
 * await writeReport(runDir, doc);
 */
export function buildRunReport(sections: readonly ReportSection[], ctx: ReportContext): ReportDocument {
  return buildReportDocument(sections, ctx);
}
