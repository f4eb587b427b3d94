import type { ReportContext, ReportSection } from '@hepuq/core';
import { GEN_EVAL } from '../evaluate/gen-eval.options.js';
import { GEN_EVAL_RESULT_KIND, type GenEvalResult } from '../evaluate/gen-eval.result.js';
import { genEvalHtml } from './gen-eval.html.js';
import { genEvalPlots } from './gen-eval.plots.js';

/** Plugin sections come after core's (0-100). */
const ORDER = 520;

/**
 * The gen-eval result among a run's artifacts: under the `gen-eval` key or any artifact marked with its kind.
 * @example findGenEvalResult({ 'gen-eval': result }) === result
 */
export function findGenEvalResult(artifacts: Record<string, unknown>): GenEvalResult | undefined {
  const isResult = (v: unknown): v is GenEvalResult => (v as { kind?: unknown } | null)?.kind === GEN_EVAL_RESULT_KIND;
  const direct = artifacts[GEN_EVAL];
  return isResult(direct) ? direct : Object.values(artifacts).find(isResult);
}

/**
 * The report section of a run with a `gen-eval` step: summary table, FPD/KPD/W1 plots, marginals,
 * classifier ROC, w distribution and reweighted marginals, amplification factors and quantile-MSE curves.
 * @example ctx.reportSections.add(GEN_EVAL, genEvalReportSection())
 */
export function genEvalReportSection(): ReportSection {
  return {
    key: GEN_EVAL,
    title: 'Generative model evaluation',
    order: ORDER,
    applies: (ctx: ReportContext) => findGenEvalResult(ctx.artifacts) !== undefined,
    plots: (ctx) => {
      const r = findGenEvalResult(ctx.artifacts);
      return r ? genEvalPlots(r) : [];
    },
    html: (ctx) => {
      const r = findGenEvalResult(ctx.artifacts);
      return r ? genEvalHtml(r).join('\n') : '';
    },
  };
}
