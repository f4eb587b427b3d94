import { HepuqError, type InferenceProcedure, type RunStep } from '@hepuq/core';
import { readWorkspaceFile } from './cli-args.js';

/**
 * An inference procedure as a run step: the step's options are the procedure's input, except that
 * `workspace` may be the path of a pyhf JSON file (read when the step runs; `source` defaults to it).
 * @example steps: [{ use: hypotest, options: { workspace: ws.json, mu: 1 } }]   # in a run config
 */
export function inferenceStep<I>(procedure: InferenceProcedure<I, Record<string, unknown>>): RunStep {
  if (!procedure.input) {
    throw new HepuqError('InvalidArgument', `inference procedure "${procedure.key}" has no input schema; a run step needs one to check its options before the run`);
  }
  return {
    key: procedure.key,
    description: `${procedure.description} (options: the procedure's input; workspace by path or inline)`,
    options: procedure.input,
    async run({ options }) {
      const input = options as Record<string, unknown>;
      if (typeof input.workspace !== 'string') return procedure.run(input as I);
      const source = input.source === undefined || input.source === 'workspace' ? input.workspace : input.source;
      return procedure.run({ ...input, workspace: await readWorkspaceFile(input.workspace), source } as I);
    },
  };
}
