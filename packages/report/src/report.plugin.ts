import { parsePluginOptions, z, type HepuqPlugin } from '@hepuq/core';
import { MAX_PLOT_POINTS } from './plots/plot-data.js';
import { CLASSIFICATION_SECTION, classificationSection } from './sections/classification.section.js';
import { REGRESSION_SECTION, regressionSection } from './sections/regression.section.js';
import { REPORT_VERSION } from './version.js';

export const REPORT_PLUGIN_NAME = '@hepuq/report';

export const ReportPluginOptions = z
  .object({
    /** Cap on data rows per plot (strided), so reports stay small. */
    maxPoints: z.number().int().min(50).max(100_000).default(MAX_PLOT_POINTS),
  })
  .strict();
export type ReportPluginOptions = z.input<typeof ReportPluginOptions>;

/**
 * The report plugin: registers the standard `regression` and `classification` report sections in
 * `ctx.reportSections`.
 * @example const app = await createHepuq({ plugins: [report({ maxPoints: 1000 })] });
 */
export function report(options: ReportPluginOptions = {}): HepuqPlugin {
  const opts = parsePluginOptions(REPORT_PLUGIN_NAME, ReportPluginOptions, options);
  return {
    meta: { name: REPORT_PLUGIN_NAME, version: REPORT_VERSION, core: '^0.1.0' },
    register(ctx) {
      ctx.reportSections.add(REGRESSION_SECTION, regressionSection({ maxPoints: opts.maxPoints }));
      ctx.reportSections.add(CLASSIFICATION_SECTION, classificationSection({ maxPoints: opts.maxPoints }));
    },
  };
}

export default report;
