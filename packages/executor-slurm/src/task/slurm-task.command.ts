import { HepuqError, type CommandDefinition } from '@hepuq/core';
import { PLUGIN_NAME } from '../plugin-meta.js';
import { runSlurmTask } from './run-slurm-task.js';

/** Name of the command: `hepuq slurm-task <run-dir> <index>`. */
export const SLURM_TASK_COMMAND = 'slurm-task';

/**
 * `hepuq slurm-task <run-dir> <index>`: what each element of a `slurm` executor's job array runs
 * (`$SLURM_ARRAY_TASK_ID` as the index). Runs one task of the run directory and writes its result
 * (exit status 0) or its error file (a catalog error on stderr, exit status 2); the submitting run
 * collects either from the shared store.
 */
export const slurmTaskCommand: CommandDefinition = {
  name: SLURM_TASK_COMMAND,
  description: 'Run one task of a `executor: { use: slurm }` run directory (what each element of its sbatch array runs)',
  arguments: [
    { name: 'run-dir', description: 'the run directory in the shared store (<store>/slurm/<run id>)', required: true },
    { name: 'index', description: 'the task index ($SLURM_ARRAY_TASK_ID)', required: true },
  ],
  options: [],
  async run(args, _options, ctx) {
    const [dir, indexText] = args;
    const index = Number(indexText);
    if (!dir || indexText === undefined || !/^\d+$/.test(indexText)) {
      throw new HepuqError('InvalidArgument', `hepuq ${SLURM_TASK_COMMAND} takes a run directory and a task index (a non-negative integer), got ${JSON.stringify(args)}`, { plugin: PLUGIN_NAME });
    }
    const started = Date.now();
    const outcome = await runSlurmTask(dir, index);
    if (!outcome.ok) throw outcome.error;
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    ctx.print(ctx.json ? JSON.stringify({ event: 'task-done', dir, index, attempt: outcome.attempt, seconds: Number(seconds) }) : `task ${index} of ${dir} done (attempt ${outcome.attempt}, ${seconds} s)`);
    return 0;
  },
};
