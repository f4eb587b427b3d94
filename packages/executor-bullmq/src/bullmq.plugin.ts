import { parsePluginOptions, z, type HepuqPlugin } from '@hepuq/core';
import { bullmqExecutorFactory } from './bullmq-executor.factory.js';
import { BULLMQ_EXECUTOR } from './bullmq-executor.options.js';
import { PLUGIN_META, PLUGIN_NAME } from './plugin-meta.js';
import { WORKER_COMMAND, workerCommand } from './worker/worker.command.js';

/** The plugin takes no options (the executor's come from the run config, the worker's from its flags). */
export const BullmqPluginOptions = z.object({}).strict();
export type BullmqPluginOptions = z.infer<typeof BullmqPluginOptions>;

/**
 * The BullMQ executor plugin: registers the `bullmq` executor and the `hepuq worker` command.
 * Loading it costs nothing until a run or a worker uses Redis.
 * @example const app = await createHepuq({ plugins: [bullmq()] }); // then executor: { use: bullmq, options: { redis, store } }
 */
export function bullmq(options: BullmqPluginOptions = {}): HepuqPlugin {
  parsePluginOptions(PLUGIN_NAME, BullmqPluginOptions, options);
  return {
    meta: PLUGIN_META,
    register(ctx) {
      ctx.executors.add(BULLMQ_EXECUTOR, bullmqExecutorFactory);
      ctx.commands.add(WORKER_COMMAND, workerCommand);
    },
  };
}

export default bullmq;
