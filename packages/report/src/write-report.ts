import { HepuqError, writeFileAtomic, type ReportDocument, type ReportWriter } from '@hepuq/core';
import { join } from 'node:path';
import { renderReportHtml } from './html/report-html.js';
import { renderSvg } from './render/render-svg.js';
import { svgToPng } from './render/svg-to-png.js';

const PLOT_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

function checkPlotNames(doc: ReportDocument): void {
  const seen = new Set<string>();
  for (const plot of doc.plots) {
    if (!PLOT_NAME.test(plot.name)) {
      throw new HepuqError('InvalidArgument', `plot name "${plot.name}" cannot be a file name`, { hint: 'Use letters, digits, ".", "_" and "-" only, e.g. "pull-histogram".' });
    }
    if (seen.has(plot.name)) throw new HepuqError('DuplicateKey', `two plots are named "${plot.name}"; each becomes plots/${plot.name}.svg`);
    seen.add(plot.name);
  }
}

/**
 * Write `<dir>/report.html` (self-contained) and `<dir>/plots/<name>.svg` + `.png` for every plot,
 * each file atomically; returns the written paths, report.html first. Plot names are checked before
 * anything is written, and the HTML is written last, so a failed render never leaves a report behind
 * that points at missing plots.
 * @example const paths = await writeReport('runs/het-demo', buildRunReport(sections, ctx));
 */
export const writeReport: ReportWriter = async (dir: string, doc: ReportDocument): Promise<string[]> => {
  checkPlotNames(doc);
  const svgs: string[] = [];
  for (const plot of doc.plots) svgs.push(await renderSvg(plot.spec, plot.name));
  const written: string[] = [];
  for (const [i, plot] of doc.plots.entries()) {
    const base = join(dir, 'plots', plot.name);
    await writeFileAtomic(`${base}.svg`, svgs[i]);
    await writeFileAtomic(`${base}.png`, svgToPng(svgs[i]));
    written.push(`${base}.svg`, `${base}.png`);
  }
  const html = join(dir, 'report.html');
  await writeFileAtomic(html, renderReportHtml(doc, svgs));
  return [html, ...written];
};
