import { parsePluginOptions, type HepuqPlugin } from '@hepuq/core';
import { scalePullsCommand } from './command/scale-pulls.command.js';
import { scalePullsStep } from './step/scale-pulls.step.js';
import { scalePullsReportSection } from './report/scale-pulls.report-section.js';
import { SCALE_PULLS, ScaleUncertaintyOptions } from './scale-uncertainty.options.js';
import { PLUGIN_META, PLUGIN_NAME } from './plugin-meta.js';

/**
 * The scale-uncertainty plugin: registers the `scale-pulls` command, run step and report section. Options are validated here, before anything registers.
 * @example const app = await createHepuq({ plugins: [scaleUncertainty({ tailThreshold: 2 })] });
 */
export function scaleUncertainty(options: ScaleUncertaintyOptions = {}): HepuqPlugin {
  const resolved = parsePluginOptions(PLUGIN_NAME, ScaleUncertaintyOptions, options);
  return {
    meta: PLUGIN_META,
    register(ctx) {
      ctx.commands.add(SCALE_PULLS, scalePullsCommand(resolved));
      ctx.steps.add(SCALE_PULLS, scalePullsStep(resolved));
      ctx.reportSections.add(SCALE_PULLS, scalePullsReportSection(resolved.histogramRange));
    },
  };
}

export default scaleUncertainty;
