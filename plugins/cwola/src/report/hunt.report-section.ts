import { escapeHtml, formatNumber, type PlotSpec, type ReportContext, type ReportSection } from '@hepuq/core';
import type { HuntArtifact } from '../hunt/cwola-hunt.step.js';
import { CWOLA_HUNT } from '../hunt/hunt.options.js';
import { bestRegion, huntEfficiencies, rangeText, selectionAt, selectionLabel } from './hunt-plot.helpers.js';
import { correlationHtml, injectionHtml, summaryHtml, undrawnHtml } from './hunt-tables.html.js';
import { injectionPlot } from './injection.plot.js';
import { pValueScanPlot, undrawnPValues } from './p-value-scan.plot.js';
import { selectedSpectrumPlot } from './selected-spectrum.plot.js';

export const HUNT_SECTION = 'cwola-hunt';

/** Plugin sections come after core's (0-100). */
const ORDER = 470;

/** The hunt's artifact, when the run had a `cwola-hunt` step that found at least one signal region. */
function huntArtifact(ctx: ReportContext): HuntArtifact | undefined {
  const a = ctx.artifacts[CWOLA_HUNT] as Partial<HuntArtifact> | undefined;
  return a && Array.isArray(a.regions) && a.regions.length > 0 && Array.isArray(a.edges) ? (a as HuntArtifact) : undefined;
}

/** Why the spectrum shows the region it shows. */
function spectrumNote(a: HuntArtifact): string {
  const region = bestRegion(a.regions);
  if (!region) return '';
  const tightest = Math.min(...huntEfficiencies(a.regions));
  const z = selectionAt(region, tightest)?.z;
  const why = typeof z === 'number'
    ? `the largest local significance at the tightest selection (${selectionLabel(tightest)}: z = ${formatNumber(z)})`
    : 'no fit at the tightest selection succeeded; it has the largest significance at any selection';
  const n = a.regions.length - 1;
  const others = n > 0 ? ` The other ${n === 1 ? 'region is' : `${n} are`} in the tables below.` : '';
  return `<p>The spectrum plot shows signal region ${escapeHtml(region.index)} (${escapeHtml(rangeText(region.sr_range))} in ${escapeHtml(a.resonance)}), the one with ${escapeHtml(why)}.${escapeHtml(others)}</p>`;
}

/**
 * The report section of a CWoLa hunt (`artifacts['cwola-hunt']`): the selected spectra of the most
 * significant signal region with the background fit and residuals, the local p-value scan over the
 * signal regions, the signal-injection scan and the sculpting check when run, and a table of every
 * signal region at every efficiency. Does not apply to a run without the hunt.
 * @example ctx.reportSections.add(HUNT_SECTION, huntReportSection)
 */
export const huntReportSection: ReportSection = {
  key: HUNT_SECTION,
  title: 'CWoLa hunt',
  order: ORDER,
  applies: (ctx) => huntArtifact(ctx) !== undefined,
  plots: (ctx) => {
    const a = huntArtifact(ctx);
    if (!a) return [];
    const region = bestRegion(a.regions);
    const plots: PlotSpec[] = [];
    if (region) plots.push(selectedSpectrumPlot(a, region));
    plots.push(pValueScanPlot(a.regions, a.resonance));
    if (a.injection?.points?.length) plots.push(injectionPlot(a.injection, a.edges, huntEfficiencies(a.regions)));
    return plots;
  },
  html: (ctx) => {
    const a = huntArtifact(ctx);
    if (!a) return '';
    return [
      spectrumNote(a),
      undrawnHtml(undrawnPValues(a.regions)),
      a.correlation?.length ? correlationHtml(a.correlation, a) : '',
      a.injection?.points?.length ? injectionHtml(a.injection) : '',
      summaryHtml(a),
    ].join('');
  },
};
