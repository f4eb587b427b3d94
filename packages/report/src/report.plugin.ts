import { packageMeta, parsePluginOptions, ReportWriterToken, z, type HepuqPlugin } from '@hepuq/core';
import { MAX_PLOT_POINTS } from './plots/plot-data.js';
import { CLASSIFICATION_SECTION, classificationSection } from './sections/classification.section.js';
import { CLOSURE_SECTION, closureSection } from './sections/closure.section.js';
import { METRIC_PLOTS_SECTION, metricPlotsSection } from './sections/metric-plots.section.js';
import { MULTICLASS_SECTION, multiclassSection } from './sections/multiclass.section.js';
import { REFIT_SCANS_SECTION, refitScansSection } from './sections/refit-scans.section.js';
import { REGRESSION_SECTION, regressionSection } from './sections/regression.section.js';
import { writeReport } from './write-report.js';

const meta = packageMeta(import.meta.url);

export const REPORT_PLUGIN_NAME = meta.name;

/** The installed @hepuq/report version. */
export const REPORT_VERSION = meta.version;

export const ReportPluginOptions = z
  .object({
    /** Cap on data rows per plot (strided), so reports stay small. */
    maxPoints: z.number().int().min(50).max(100_000).default(MAX_PLOT_POINTS),
  })
  .strict();
export type ReportPluginOptions = z.input<typeof ReportPluginOptions>;

/**
 * The report plugin: registers the standard `regression`, `classification` and `multiclass` report sections, `refit-scans`, `closure` (and
 * `metric-plots`, for reports of metric outputs without a test set) in `ctx.reportSections` and provides the app's report writer (`ReportWriterToken`: HTML with inline
 * SVG plots).
 * @example const app = await createHepuq({ plugins: [report({ maxPoints: 1000 })] });
 */
export function report(options: ReportPluginOptions = {}): HepuqPlugin {
  const opts = parsePluginOptions(REPORT_PLUGIN_NAME, ReportPluginOptions, options);
  return {
    meta,
    register(ctx) {
      ctx.provide(ReportWriterToken, writeReport);
      ctx.reportSections.add(REGRESSION_SECTION, regressionSection({ maxPoints: opts.maxPoints }));
      ctx.reportSections.add(CLASSIFICATION_SECTION, classificationSection({ maxPoints: opts.maxPoints }));
      ctx.reportSections.add(MULTICLASS_SECTION, multiclassSection());
      ctx.reportSections.add(METRIC_PLOTS_SECTION, metricPlotsSection({ maxPoints: opts.maxPoints }));
      ctx.reportSections.add(REFIT_SCANS_SECTION, refitScansSection);
      ctx.reportSections.add(CLOSURE_SECTION, closureSection);
    },
  };
}

export default report;
