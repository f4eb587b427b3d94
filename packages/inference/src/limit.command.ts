import type { CommandDefinition } from '@hepuq/core';
import { MODEL_OPTIONS, fmt, modelInputFromCli, parseNumberArg, parseRangeArg } from './cli-args.js';
import { upperLimitProcedure, type UpperLimitInput } from './upper-limit.procedure.js';

/** `hepuq limit workspace.json [--level 0.05] [--scan 0:5:21] [--json]`. */
export const limitCommand: CommandDefinition = {
  name: 'limit',
  description: 'Observed and expected CLs upper limits on the POI (root finding, or interpolation on --scan)',
  arguments: [{ name: 'workspace', description: 'pyhf JSON workspace file', required: true }],
  options: [
    { flags: '--level <alpha>', description: 'CLs level; 0.05 gives 95% CL limits', default: '0.05' },
    { flags: '--scan <lo:hi:n>', description: 'interpolate the limits on this POI grid instead of root finding' },
    { flags: '--test-stat <name>', description: 'qtilde (default) or q', default: 'qtilde' },
    ...MODEL_OPTIONS,
    { flags: '--json', description: 'print one JSON object' },
  ],
  async run(args, options, ctx) {
    const input = {
      ...(await modelInputFromCli(args, options)),
      level: parseNumberArg('--level', options.level ?? 0.05),
      testStat: options.testStat ?? 'qtilde',
      ...(options.scan !== undefined ? { scan: parseRangeArg('--scan', options.scan) } : {}),
    } as UpperLimitInput;
    const out = await upperLimitProcedure.run(input);
    if (ctx.json) {
      const { tests, ...rest } = out;
      ctx.print(JSON.stringify({ ...rest, n_tests: tests.length, tests }));
      return 0;
    }
    ctx.print(`${Math.round(out.cl * 1000) / 10}% CL upper limit on ${out.poi} (${out.method}): observed ${fmt(out.upper_limit_obs)}`);
    ctx.print(`expected [-2, -1, 0, +1, +2 sigma]: ${out.upper_limit_exp.map((v) => fmt(v)).join(', ')}`);
    return 0;
  },
};
