import { parseOrThrow } from '../plugin/parse-or-throw.js';
import type { ExecutorFactory } from './executor.js';
import { LOCAL_EXECUTOR, LocalExecutor, LocalExecutorOptions } from './local-executor.js';

/** Registry entry for `executor: { use: local, options: { concurrency, mode } }`. */
export const localExecutorFactory: ExecutorFactory = {
  key: LOCAL_EXECUTOR,
  description: 'worker threads on this machine (all cores by default); tfjs initialised once per worker',
  create(options, ctx) {
    const parsed = parseOrThrow(LocalExecutorOptions, { seed: ctx.seed, ...options }, { code: 'InvalidConfig', where: 'executor "local"', path: 'executor.options' });
    return new LocalExecutor(ctx.events, parsed);
  },
};
