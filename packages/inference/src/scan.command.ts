import type { CommandDefinition, MetricValue } from '@hepuq/core';
import { MODEL_OPTIONS, fmt, modelInputFromCli, parseRangeArg } from './cli-args.js';
import { scanProcedure, type ScanInput, type ScanOutput } from './scan.procedure.js';
import { scanPlot } from './scan-plot.js';

function summary(out: ScanOutput): Record<string, MetricValue> {
  const metrics: Record<string, MetricValue> = { twice_nll_min: { value: out.twice_nll_min } };
  out.parameters.forEach((p, i) => (metrics[`bestfit_${p}`] = { value: out.bestfit[i] }));
  const [lo, hi] = out.interval_68 ?? [null, null];
  if (lo !== null && hi !== null) metrics[`interval68_${out.parameters[0]}`] = { value: (lo + hi) / 2, error: (hi - lo) / 2 };
  return metrics;
}

/** `hepuq scan workspace.json --poi mu --range 0:3:31 [--poi2 b --range2 0:2:21] [--report dir] [--json]`. */
export const scanCommand: CommandDefinition = {
  name: 'scan',
  description: 'Profile-likelihood scan of a parameter (or two) of a pyhf JSON workspace',
  arguments: [{ name: 'workspace', description: 'pyhf JSON workspace file', required: true }],
  options: [
    { flags: '--poi <name>', description: 'scanned parameter (default: the measurement POI)' },
    { flags: '--range <lo:hi:n>', description: 'scan grid', default: '0:3:31' },
    { flags: '--poi2 <name>', description: 'second parameter, for a 2-D scan' },
    { flags: '--range2 <lo:hi:n>', description: 'grid of the second parameter' },
    { flags: '--report <dir>', description: 'write report.html with the scan plot into this directory', output: 'directory' },
    ...MODEL_OPTIONS,
    { flags: '--json', description: 'print one JSON object' },
  ],
  async run(args, options, ctx) {
    const input = {
      ...(await modelInputFromCli(args, options)),
      ...(options.poi !== undefined ? { parameter: String(options.poi) } : {}),
      values: parseRangeArg('--range', options.range ?? '0:3:31'),
      ...(options.poi2 !== undefined ? { parameter2: String(options.poi2), values2: parseRangeArg('--range2', options.range2) } : {}),
    } as ScanInput;
    const out = await scanProcedure.run(input);
    if (typeof options.report === 'string') {
      await ctx.writeReport(options.report, {
        title: `Profile-likelihood scan of ${out.parameters.join(', ')} (${args[0]})`,
        metadata: { workspace: args[0], parameters: out.parameters },
        metrics: summary(out),
        plots: [scanPlot(out)],
      });
    }
    if (ctx.json) {
      ctx.print(JSON.stringify(out));
      return 0;
    }
    ctx.print(`best fit ${out.parameters.map((p, i) => `${p} = ${fmt(out.bestfit[i])}`).join(', ')}  (-2 ln L = ${fmt(out.twice_nll_min, 8)})`);
    if (out.interval_68) ctx.print(`68% CL: [${out.interval_68.map((v) => fmt(v)).join(', ')}]  95% CL: [${out.interval_95!.map((v) => fmt(v)).join(', ')}]`);
    if (typeof options.report === 'string') ctx.print(`report written to ${options.report}`);
    return 0;
  },
};
