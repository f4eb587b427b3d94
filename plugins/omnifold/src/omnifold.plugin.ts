import { parsePluginOptions, z, type HepuqPlugin } from '@hepuq/core';
import { ibuCommand, IBU } from './command/ibu.command.js';
import { omnifoldMethod } from './omnifold/omnifold.method.js';
import { OMNIFOLD } from './omnifold/omnifold.options.js';
import { PLUGIN_META, PLUGIN_NAME } from './plugin-meta.js';
import { unfoldingReportSection, UNFOLDING_SECTION } from './report/unfolding.report-section.js';
import { ibuStep, IBU_STEP } from './steps/ibu.step.js';

/** Options of `omnifold()`: none yet (unknown keys are errors, so a typo never passes silently). */
export const OmniFoldPluginOptions = z.object({}).strict();
export type OmniFoldPluginOptions = z.input<typeof OmniFoldPluginOptions>;

/**
 * The omnifold plugin: the unfolding method `omnifold` (unbinned, all observables at once, with
 * ensemble and bootstrap uncertainties), the `ibu` command and unfolding step (binned iterative
 * Bayesian unfolding as pyunfold computes it), and the report section drawing unfolded spectra.
 * @example const app = await createHepuq({ plugins: [omnifold()] });
 *          // run config: data: { sim: {...}, data: {...} }, method: { use: omnifold, options: { iterations: 4 } }
 */
export function omnifold(options: OmniFoldPluginOptions = {}): HepuqPlugin {
  parsePluginOptions(PLUGIN_NAME, OmniFoldPluginOptions, options);
  return {
    meta: PLUGIN_META,
    register(ctx) {
      ctx.unfoldingMethods.add(OMNIFOLD, omnifoldMethod);
      ctx.unfoldingSteps.add(IBU_STEP, ibuStep);
      ctx.reportSections.add(UNFOLDING_SECTION, unfoldingReportSection);
      ctx.commands.add(IBU, ibuCommand());
    },
  };
}

export default omnifold;
