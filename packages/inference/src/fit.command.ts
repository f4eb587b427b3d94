import type { CommandDefinition } from '@hepuq/core';
import { MODEL_OPTIONS, fmt, modelInputFromCli } from './cli-args.js';
import { fitProcedure, type FitInput } from './fit.procedure.js';

/** `hepuq fit workspace.json [--json]`: maximum-likelihood fit with Hesse uncertainties. */
export const fitCommand: CommandDefinition = {
  name: 'fit',
  description: 'Maximum-likelihood fit of a pyhf JSON workspace: best-fit values, Hesse uncertainties, correlations',
  arguments: [{ name: 'workspace', description: 'pyhf JSON workspace file', required: true }],
  options: [...MODEL_OPTIONS, { flags: '--json', description: 'print one JSON object' }],
  async run(args, options, ctx) {
    const input = (await modelInputFromCli(args, options)) as FitInput;
    const out = await fitProcedure.run(input);
    if (ctx.json) {
      ctx.print(JSON.stringify(out));
      return 0;
    }
    ctx.print(`measurement ${out.measurement}: ${out.poi} = ${fmt(out.poi_value)} +- ${fmt(out.poi_uncertainty)}  (-2 ln L = ${fmt(out.twice_nll, 8)})`);
    if (!out.covariance_valid) ctx.print('warning: the Hessian is not positive definite; uncertainties are unreliable');
    const width = Math.max(...out.parameters.map((p) => p.name.length));
    for (const p of out.parameters) ctx.print(`  ${p.name.padEnd(width)}  ${fmt(p.value).padStart(12)}  +- ${p.fixed ? 'fixed' : fmt(p.uncertainty)}`);
    return 0;
  },
};
