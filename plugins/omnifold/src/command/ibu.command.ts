import { parseOrThrow, z, type CommandDefinition } from '@hepuq/core';
import { formatIbuTable } from '../ibu/format-ibu-table.js';
import { ibuError } from '../ibu/ibu-error.js';
import { PLUGIN_NAME } from '../plugin-meta.js';
import { unfoldResolved } from '../ibu/iterative-unfold.js';
import { readIbuProblemFile } from '../ibu/read-ibu-problem.js';
import { resolveIbuProblem } from '../ibu/resolve-ibu-problem.js';

/** Command key: `hepuq ibu`. */
export const IBU = 'ibu';

/** The flags as commander hands them over (unknown keys are ignored). */
const CommandFlags = z.object({ json: z.boolean().optional() });

/**
 * `hepuq ibu problem.json [--json]`: binned iterative Bayesian unfolding of a problem written with
 * pyunfold's `iterative_unfold` argument names (data, data_err, response, response_err,
 * efficiencies, efficiencies_err, prior | "jeffreys" + cause_lim, ts, ts_stopping, max_iter,
 * cov_type, return_iterations). Prints pyunfold's result keys as JSON, or a table.
 * @example ctx.commands.add(IBU, ibuCommand())
 */
export function ibuCommand(): CommandDefinition {
  return {
    name: IBU,
    description: "Binned iterative Bayesian unfolding (D'Agostini) with pyunfold's inputs, defaults and uncertainty propagation",
    arguments: [{ name: 'problem', description: 'JSON file with pyunfold iterative_unfold arguments: data, data_err, response, response_err, efficiencies, efficiencies_err, and optionally prior, cause_lim, ts, ts_stopping, max_iter, cov_type, return_iterations', required: true }],
    options: [
      { flags: '--json', description: 'print one JSON object: unfolded, stat_err, sys_err, num_iterations, ts_iter, ts_stopping, unfolding_matrix (and iterations with return_iterations)' },
    ],
    async run(args, options, ctx) {
      const f = parseOrThrow(CommandFlags, options, { code: 'InvalidArgument', where: IBU, flags: true, plugin: PLUGIN_NAME });
      const path = args[0];
      if (!path) throw ibuError('InvalidArgument', 'ibu: missing argument <problem>, the path of a JSON file with pyunfold iterative_unfold arguments');
      const result = unfoldResolved(resolveIbuProblem(await readIbuProblemFile(path), path));
      if (f.json || ctx.json) ctx.print(JSON.stringify(result));
      else formatIbuTable(result, path).forEach((line) => ctx.print(line));
      return 0;
    },
  };
}
