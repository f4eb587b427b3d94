import { parseOrThrow, type ExecutorFactory } from '@hepuq/core';
import { SlurmExecutor } from './slurm-executor.js';
import { SLURM_EXECUTOR, SlurmExecutorOptions } from './slurm-executor.options.js';
import { PLUGIN_NAME } from './plugin-meta.js';

/** Registry entry for `executor: { use: slurm, options: { store, partition, time, mem, cpus, ... } }`; validates the options. */
export const slurmExecutorFactory: ExecutorFactory = {
  key: SLURM_EXECUTOR,
  description: 'Slurm job arrays (one sbatch --array per run, each element `hepuq slurm-task`); inputs and results in a shared store',
  create(options, ctx) {
    const parsed = parseOrThrow(SlurmExecutorOptions, { seed: ctx.seed, ...options }, { code: 'InvalidConfig', where: `executor "${SLURM_EXECUTOR}"`, path: 'executor.options', plugin: PLUGIN_NAME });
    return new SlurmExecutor(ctx.events, parsed);
  },
};
