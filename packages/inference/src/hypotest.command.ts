import type { CommandDefinition } from '@hepuq/core';
import { MODEL_OPTIONS, fmt, modelInputFromCli, parseNumberArg } from './cli-args.js';
import { hypotestProcedure, type HypotestInput } from './hypotest.procedure.js';

/** `hepuq hypotest workspace.json --mu 1 [--test-stat qtilde|q|q0] [--json]`. */
export const hypotestCommand: CommandDefinition = {
  name: 'hypotest',
  description: 'Asymptotic CLs test of POI = mu: observed CLs, CLs+b, CLb and the expected +-1/+-2 sigma band',
  arguments: [{ name: 'workspace', description: 'pyhf JSON workspace file', required: true }],
  options: [
    { flags: '--mu <value>', description: 'tested POI value', default: '1' },
    { flags: '--test-stat <name>', description: 'qtilde (default), q or q0 (discovery, p-value in p0_obs)', default: 'qtilde' },
    { flags: '--calc-base-dist <name>', description: 'normal (default) or clipped_normal', default: 'normal' },
    ...MODEL_OPTIONS,
    { flags: '--json', description: 'print one JSON object' },
  ],
  async run(args, options, ctx) {
    const input = {
      ...(await modelInputFromCli(args, options)),
      mu: parseNumberArg('--mu', options.mu ?? 1),
      testStat: options.testStat ?? 'qtilde',
      calcBaseDist: options.calcBaseDist ?? 'normal',
    } as HypotestInput;
    const out = await hypotestProcedure.run(input);
    if (ctx.json) {
      ctx.print(JSON.stringify(out));
      return 0;
    }
    if (out.p0_obs !== undefined) {
      ctx.print(`discovery test (q0): p0 = ${fmt(out.p0_obs)} (Z = ${fmt(out.significance_obs, 4)})`);
      ctx.print(`expected p0 [-2, -1, 0, +1, +2 sigma]: ${out.p0_exp!.map((v) => fmt(v)).join(', ')}`);
      return 0;
    }
    ctx.print(`${out.test_stat} test of mu = ${out.mu}: CLs = ${fmt(out.cls_obs)}  (CLs+b = ${fmt(out.clsb_obs)}, CLb = ${fmt(out.clb_obs)})`);
    ctx.print(`expected CLs [-2, -1, 0, +1, +2 sigma]: ${out.cls_exp.map((v) => fmt(v)).join(', ')}`);
    return 0;
  },
};
