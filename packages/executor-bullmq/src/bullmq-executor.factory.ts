import { parseOrThrow, type ExecutorFactory } from '@hepuq/core';
import { BullmqExecutor } from './bullmq-executor.js';
import { BULLMQ_EXECUTOR, BullmqExecutorOptions } from './bullmq-executor.options.js';
import { PLUGIN_NAME } from './plugin-meta.js';

/** Registry entry for `executor: { use: bullmq, options: { redis, queue, store, ... } }`; validates the options. */
export const bullmqExecutorFactory: ExecutorFactory = {
  key: BULLMQ_EXECUTOR,
  description: 'BullMQ jobs on a Redis queue, run by `hepuq worker` processes on any number of machines; results in a shared store',
  create(options, ctx) {
    const parsed = parseOrThrow(BullmqExecutorOptions, { seed: ctx.seed, ...options }, { code: 'InvalidConfig', where: `executor "${BULLMQ_EXECUTOR}"`, path: 'executor.options', plugin: PLUGIN_NAME });
    return new BullmqExecutor(ctx.events, parsed);
  },
};
