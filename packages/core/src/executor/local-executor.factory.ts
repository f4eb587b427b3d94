import { describeZodError } from '../plugin/plugin-options.js';
import { HepuqError } from '../errors/hepuq-error.js';
import type { ExecutorFactory } from './executor.js';
import { LOCAL_EXECUTOR, LocalExecutor, LocalExecutorOptions } from './local-executor.js';

/** Registry entry for `executor: { use: local, options: { concurrency, mode } }`. */
export const localExecutorFactory: ExecutorFactory = {
  key: LOCAL_EXECUTOR,
  description: 'worker threads on this machine (all cores by default); tfjs initialised once per worker',
  create(options, ctx) {
    const parsed = LocalExecutorOptions.safeParse({ seed: ctx.seed, ...options });
    if (!parsed.success) throw new HepuqError('InvalidConfig', `executor "local": ${describeZodError(parsed.error, 'executor.options')}`);
    return new LocalExecutor(ctx.events, parsed.data);
  },
};
