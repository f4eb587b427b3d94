import { escapeHtml, measurementText, type MetricValue, type ReportContext, type ReportSection } from '@hepuq/core';
import type { LambdaPoint } from '../lambda-scan/lambda-scan.step.js';
import { LAMBDA_SCAN } from '../lambda-scan/lambda-scan.step.js';
import { aucByNuisancePlot } from './auc-by-nuisance.plot.js';
import { lambdaScanPlots } from './lambda-scan.plot.js';

export const DECORRELATION_SECTION = 'decorrelation';

/** Plugin sections come after core's (0-100). */
const ORDER = 450;

const scan = (ctx: ReportContext) => (ctx.artifacts[LAMBDA_SCAN] as { points?: LambdaPoint[] } | undefined)?.points;
const nuisanceName = (ctx: ReportContext) => ((ctx.metadata.config as { method?: { options?: { nuisance?: string } } } | undefined)?.method?.options?.nuisance) ?? 'nuisance';

/**
 * The report section of a decorrelated or nuisance-aware classifier: AUC in bins of the nuisance,
 * the adversary's loss next to the entropy of Z, the sculpting JSD, and the lambda scan when run.
 * @example ctx.reportSections.add(DECORRELATION_SECTION, decorrelationReportSection)
 */
export const decorrelationReportSection: ReportSection = {
  key: DECORRELATION_SECTION,
  title: 'Nuisance dependence',
  order: ORDER,
  applies: (ctx) => ctx.metricBins?.auc_by_nuisance !== undefined || scan(ctx) !== undefined,
  plots: (ctx) => {
    const bins = ctx.metricBins?.auc_by_nuisance;
    const points = scan(ctx);
    return [...(bins ? [aucByNuisancePlot(bins, nuisanceName(ctx))] : []), ...(points ? lambdaScanPlots(points) : [])];
  },
  html: (ctx) => {
    const row = (label: string, m: MetricValue | undefined) => (m ? `<tr><th scope="row">${escapeHtml(label)}</th><td class="num">${escapeHtml(measurementText(m.value, m.error))}</td></tr>` : '');
    const rows = [
      row('adversary loss (nats)', ctx.metrics.adversary_loss),
      row('entropy of the nuisance prior (nats)', ctx.metrics.nuisance_entropy),
      row('AUC flatness χ²/ndf', ctx.metrics.auc_by_nuisance_chi2_ndf),
      row('AUC flatness p-value', ctx.metrics.auc_by_nuisance_pvalue),
      row('background sculpting JSD', ctx.metrics.sculpting_jsd),
    ].join('');
    return rows ? `<table class="metrics"><tbody>${rows}</tbody></table>` : '';
  },
};
