import { parsePluginOptions, type HepuqPlugin } from '@hepuq/core';
import { CaloganEvalOptions } from './calogan-eval.options.js';
import { genEvalCommand } from './command/gen-eval.command.js';
import { GEN_EVAL } from './evaluate/gen-eval.options.js';
import { genEvalStep } from './evaluate/gen-eval.step.js';
import { PLUGIN_META, PLUGIN_NAME } from './plugin-meta.js';
import { genEvalReportSection } from './report/gen-eval.report-section.js';

/**
 * The calogan-eval plugin: registers the `gen-eval` command, the `gen-eval` run step and the
 * `gen-eval` report section. Options are the defaults of both.
 * @example const app = await createHepuq({ plugins: [io(), caloganEval({ kpdDegree: 4 })] });
 */
export function caloganEval(options: CaloganEvalOptions = {}): HepuqPlugin {
  const opts = parsePluginOptions(PLUGIN_NAME, CaloganEvalOptions, options);
  return {
    meta: PLUGIN_META,
    register(ctx) {
      ctx.commands.add(GEN_EVAL, genEvalCommand(opts));
      ctx.steps.add(GEN_EVAL, genEvalStep(opts));
      ctx.reportSections.add(GEN_EVAL, genEvalReportSection());
    },
  };
}

export default caloganEval;
