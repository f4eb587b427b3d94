import { parsePluginOptions, z, type HepuqPlugin } from '@hepuq/core';
import { PLUGIN_META, PLUGIN_NAME } from './plugin-meta.js';
import { slurmExecutorFactory } from './slurm-executor.factory.js';
import { SLURM_EXECUTOR } from './slurm-executor.options.js';
import { SLURM_TASK_COMMAND, slurmTaskCommand } from './task/slurm-task.command.js';

/** The plugin takes no options (the executor's come from the run config). */
export const SlurmPluginOptions = z.object({}).strict();
export type SlurmPluginOptions = z.infer<typeof SlurmPluginOptions>;

/**
 * The Slurm executor plugin: registers the `slurm` executor and the `hepuq slurm-task` command.
 * @example const app = await createHepuq({ plugins: [slurm()] }); // then executor: { use: slurm, options: { store, partition } }
 */
export function slurm(options: SlurmPluginOptions = {}): HepuqPlugin {
  parsePluginOptions(PLUGIN_NAME, SlurmPluginOptions, options);
  return {
    meta: PLUGIN_META,
    register(ctx) {
      ctx.executors.add(SLURM_EXECUTOR, slurmExecutorFactory);
      ctx.commands.add(SLURM_TASK_COMMAND, slurmTaskCommand);
    },
  };
}

export default slurm;
