import { packageMeta, type HepuqPlugin } from '@hepuq/core';
import { hetMlpMethod } from './methods/het-mlp.method.js';
import { mlpClassifierMethod } from './methods/mlp-classifier.method.js';

const meta = packageMeta(import.meta.url);

export const NN_PLUGIN_NAME = meta.name;

/** The network runtime's first-party methods (het-mlp, mlp-classifier). */
export function nnPlugin(): HepuqPlugin {
  return {
    meta,
    register(ctx) {
      ctx.methods.add(hetMlpMethod.key, hetMlpMethod);
      ctx.methods.add(mlpClassifierMethod.key, mlpClassifierMethod);
    },
  };
}
