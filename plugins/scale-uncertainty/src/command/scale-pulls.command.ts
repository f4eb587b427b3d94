import { parseOrThrow, z, type CommandDefinition } from '@hepuq/core';
import { runScalePulls } from '../analysis/run-scale-pulls.js';
import { scalePullsReport } from '../report/scale-pulls.report.js';
import { EnvelopeChoice, PullDefinition, PullMethod, SCALE_PULLS, ScalePullsSettings, type ResolvedScaleUncertaintyOptions } from '../scale-uncertainty.options.js';
import { PLUGIN_NAME } from '../plugin-meta.js';
import { formatScalePulls } from './format-text.js';

/** The flags as commander hands them over (unset flags are absent; unknown keys are ignored). */
const CommandFlags = z.object({
  table: z.string().min(1).optional(),
  reference: z.string().min(1).optional(),
  method: PullMethod.optional(),
  pull: PullDefinition.optional(),
  envelope: EnvelopeChoice.optional(),
  json: z.boolean().optional(),
  report: z.string().min(1).optional(),
});

/**
 * `hepuq scale-pulls [--table file.csv] [--reference qcd.csv] [--method plain|reference]
 * [--pull asymmetric|symmetrised] [--envelope auto|3-point|7-point] [--json] [--report dir]`.
 * Defaults come from the plugin options, and the tables default to the shipped ones.
 * @example ctx.commands.add(SCALE_PULLS, scalePullsCommand(options))
 */
export function scalePullsCommand(defaults: ResolvedScaleUncertaintyOptions): CommandDefinition {
  return {
    name: SCALE_PULLS,
    description: 'Pulls t = (σ_NLO − σ_LO)/Δσ_LO of LO scale uncertainties over a process table, plain and with the reference-process method',
    options: [
      { flags: '--table <file>', description: 'process table, CSV or JSON (default: shipped pulls-by-process.csv, arXiv:2210.15167)' },
      { flags: '--reference <file>', description: 'QCD reference table (default: shipped qcd-reference.csv)' },
      { flags: '--method <method>', description: `plain | reference (default: ${defaults.method})` },
      { flags: '--pull <definition>', description: `asymmetric | symmetrised (default: ${defaults.pull})` },
      { flags: '--envelope <points>', description: `auto | 3-point | 7-point, for scale-point tables (default: ${defaults.envelope})` },
      { flags: '--json', description: 'print one JSON object instead of tables' },
      { flags: '--report <dir>', description: 'write report.html with pull histograms, uncertainty-vs-n plot and the process table', output: 'directory' },
    ],
    async run(_args, options, ctx) {
      const { json, report, ...flags } = parseOrThrow(CommandFlags, options, { code: 'InvalidArgument', where: 'scale-pulls', flags: true, plugin: PLUGIN_NAME });
      const { histogramRange, ...base } = defaults;
      const settings = ScalePullsSettings.parse({ ...base, ...Object.fromEntries(Object.entries(flags).filter(([, v]) => v !== undefined)) });
      const result = await runScalePulls(settings);
      const written = report ? await ctx.writeReport(report, scalePullsReport(result, histogramRange)) : [];
      if (json || ctx.json) {
        ctx.print(JSON.stringify(report ? { ...result, reportFiles: written } : result));
      } else {
        formatScalePulls(result).forEach((line) => ctx.print(line));
        if (report) ctx.print(`report: ${written.join(', ')}`);
      }
      return 0;
    },
  };
}
