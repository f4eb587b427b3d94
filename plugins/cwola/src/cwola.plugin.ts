import { parsePluginOptions, z, type HepuqPlugin } from '@hepuq/core';
import { bumpFitCommand, BUMP_FIT } from './command/bump-fit.command.js';
import { cwolaMethod } from './cwola/cwola.method.js';
import { CWOLA } from './cwola/cwola.options.js';
import { cwolaHuntStep } from './hunt/cwola-hunt.step.js';
import { CWOLA_HUNT } from './hunt/hunt.options.js';
import { PLUGIN_META, PLUGIN_NAME } from './plugin-meta.js';
import { HUNT_SECTION, huntReportSection } from './report/hunt.report-section.js';

/** Options of `cwola()`: none yet (unknown keys are errors, so a typo never passes silently). */
export const CwolaPluginOptions = z.object({}).strict();
export type CwolaPluginOptions = z.input<typeof CwolaPluginOptions>;

/**
 * The cwola plugin: the `cwola` method (a classifier between two mixed samples), the `cwola-hunt`
 * run step (CWoLa hunting over signal regions of a resonance variable, nested k-fold through the
 * executor, dijet fit and local significance), its report section and the `bump-fit` command.
 * @example const app = await createHepuq({ plugins: [cwola()] });
 *          // run config: method: { use: cwola, options: { truth: is_signal } }, steps: [{ use: cwola-hunt, options: { bins: { n: 20, min: 2500, max: 6500 } } }]
 */
export function cwola(options: CwolaPluginOptions = {}): HepuqPlugin {
  parsePluginOptions(PLUGIN_NAME, CwolaPluginOptions, options);
  return {
    meta: PLUGIN_META,
    register(ctx) {
      ctx.methods.add(CWOLA, cwolaMethod());
      ctx.steps.add(CWOLA_HUNT, cwolaHuntStep);
      ctx.commands.add(BUMP_FIT, bumpFitCommand());
      ctx.reportSections.add(HUNT_SECTION, huntReportSection);
    },
  };
}

export default cwola;
