import type { HepuqPlugin } from './plugin/plugin.js';
import { CORE_VERSION } from './version.js';
import { registerStatistics } from './stats/index.js';
import { registerInference } from './inference/index.js';
import { hetMlpMethod } from './methods/het-mlp.method.js';
import { mlpClassifierMethod } from './methods/mlp-classifier.method.js';
import { hetGaussianNllLoss } from './loss/het-gaussian-nll.loss.js';
import { weightedBceLoss } from './loss/weighted-bce.loss.js';
import { localExecutorFactory } from './executor/local-executor.factory.js';

export const CORE_PLUGIN_NAME = '@hepuq/core';

/** Core's built-ins (methods, losses, metrics, executors), registered like any plugin. */
export function corePlugin(): HepuqPlugin {
  return {
    meta: { name: CORE_PLUGIN_NAME, version: CORE_VERSION, core: `^${CORE_VERSION}` },
    register(ctx) {
      ctx.methods.add(hetMlpMethod.key, hetMlpMethod);
      ctx.methods.add(mlpClassifierMethod.key, mlpClassifierMethod);
      ctx.losses.add(hetGaussianNllLoss.key, hetGaussianNllLoss);
      ctx.losses.add(weightedBceLoss.key, weightedBceLoss);
      ctx.executors.add(localExecutorFactory.key, localExecutorFactory);
      registerStatistics(ctx);
      registerInference(ctx);
    },
  };
}
