import type { HepuqPlugin } from './plugin/plugin.js';
import { CORE_VERSION } from './version.js';
import { registerStatistics } from './stats/index.js';
import { registerInference } from './inference/index.js';

export const CORE_PLUGIN_NAME = '@hepuq/core';

/** Core's built-ins (methods, losses, metrics, executors), registered like any plugin. */
export function corePlugin(): HepuqPlugin {
  return {
    meta: { name: CORE_PLUGIN_NAME, version: CORE_VERSION, core: `^${CORE_VERSION}` },
    register(ctx) {
      registerStatistics(ctx);
      registerInference(ctx);
    },
  };
}
