import type { ReportContext, ReportSection } from '@hepuq/core';
import { SCALE_PULLS_RESULT_KIND, type ScalePullsResult } from '../analysis/scale-pulls.result.js';
import { SCALE_PULLS } from '../scale-uncertainty.options.js';
import { processTableHtml } from './process-table.html.js';
import { scalePullsPlots } from './scale-pulls.report.js';

/** Plugin sections come after core's (0-100). */
const ORDER = 500;

/**
 * The scale-pulls result among a run's artifacts: under the `scale-pulls` key, or any artifact
 * marked with its `kind`.
 * @example findScalePullsResult({ 'scale-pulls': result }) === result
 */
export function findScalePullsResult(artifacts: Record<string, unknown>): ScalePullsResult | undefined {
  const isResult = (v: unknown): v is ScalePullsResult => (v as { kind?: unknown } | null)?.kind === SCALE_PULLS_RESULT_KIND;
  const direct = artifacts[SCALE_PULLS];
  return isResult(direct) ? direct : Object.values(artifacts).find(isResult);
}

/**
 * The report section of a run with a `scale-pulls` step.
 * @example ctx.reportSections.add(SCALE_PULLS, scalePullsReportSection(8))
 */
export function scalePullsReportSection(histogramRange: number): ReportSection {
  const result = (ctx: ReportContext) => findScalePullsResult(ctx.artifacts);
  return {
    key: SCALE_PULLS,
    title: 'Scale-uncertainty pulls',
    order: ORDER,
    applies: (ctx) => result(ctx) !== undefined,
    plots: (ctx) => {
      const r = result(ctx);
      return r ? scalePullsPlots(r, histogramRange) : [];
    },
    html: (ctx) => {
      const r = result(ctx);
      return r ? processTableHtml(r) : '';
    },
  };
}
