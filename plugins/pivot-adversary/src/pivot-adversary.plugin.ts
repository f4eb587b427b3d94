import { packageMeta, parsePluginOptions, type HepuqPlugin, type UQMethod } from '@hepuq/core';
import { awareClassifierMethod } from './aware/aware-classifier.method.js';
import { lambdaScanStep, LAMBDA_SCAN } from './lambda-scan/lambda-scan.step.js';
import { discoMethod } from './methods/disco.method.js';
import { modeMethod } from './methods/mode.method.js';
import { pivotMethod } from './methods/pivot.method.js';
import { PivotAdversaryPluginOptions } from './pivot-adversary.options.js';
import { AWARE_PROFILE } from './profile/aware-profile.options.js';
import { awareProfileStep } from './profile/aware-profile.step.js';
import { decorrelationReportSection, DECORRELATION_SECTION } from './report/decorrelation.report-section.js';
import { THIRD_SAMPLE } from './third-sample/third-sample.options.js';
import { thirdSampleStep } from './third-sample/third-sample.step.js';

/** Name, version and supported core range, read from package.json so they never drift from what npm publishes. */
const meta = packageMeta(import.meta.url);

/** The npm package name: owner of every registry entry this plugin adds, named in every error it raises. */
export const PLUGIN_NAME = meta.name;

/** Every method the plugin can register. */
export const PIVOT_ADVERSARY_METHODS: readonly UQMethod[] = [pivotMethod, discoMethod, modeMethod, awareClassifierMethod];

/**
 * The pivot-adversary plugin: the decorrelation methods `pivot`, `disco`, `mode` and the
 * uncertainty-aware `aware-classifier` (or the subset named in `methods`); the run steps
 * `aware-profile` (profile Z in a pyhf workspace), `third-sample` (the cross-check a decorrelated
 * uncertainty needs) and `lambda-scan`; and the report section drawing their diagnostics.
 * @example const app = await createHepuq({ plugins: [pivotAdversary()] });
 *          // run config: method: { use: pivot, options: { nuisance: z, lambda: 50 } }
 */
export function pivotAdversary(options: PivotAdversaryPluginOptions = {}): HepuqPlugin {
  const opts = parsePluginOptions(PLUGIN_NAME, PivotAdversaryPluginOptions, options);
  const wanted = new Set<string>(opts.methods ?? PIVOT_ADVERSARY_METHODS.map((m) => m.key));
  return {
    meta,
    register(ctx) {
      for (const method of PIVOT_ADVERSARY_METHODS) if (wanted.has(method.key)) ctx.methods.add(method.key, method);
      ctx.steps.add(AWARE_PROFILE, awareProfileStep);
      ctx.steps.add(THIRD_SAMPLE, thirdSampleStep);
      ctx.steps.add(LAMBDA_SCAN, lambdaScanStep);
      ctx.reportSections.add(DECORRELATION_SECTION, decorrelationReportSection);
    },
  };
}

export default pivotAdversary;
