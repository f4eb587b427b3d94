import type { HepuqPlugin } from './plugin/plugin.js';
import { CORE_VERSION } from './version.js';
import { localExecutorFactory } from './executor/local-executor.factory.js';

export const CORE_PLUGIN_NAME = '@hepuq/core';

/** Core's built-ins (the local executor), registered like any plugin. */
export function corePlugin(): HepuqPlugin {
  return {
    meta: { name: CORE_PLUGIN_NAME, version: CORE_VERSION, core: `^${CORE_VERSION}` },
    register(ctx) {
      ctx.executors.add(localExecutorFactory.key, localExecutorFactory);
    },
  };
}
