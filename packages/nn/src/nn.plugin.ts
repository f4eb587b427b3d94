import { packageMeta, type HepuqPlugin } from '@hepuq/core';
import { hetMlpMethod } from './methods/het-mlp.method.js';
import { mlpClassifierMethod } from './methods/mlp-classifier.method.js';
import { BUILTIN_NETWORKS } from './network/network-bodies.js';

const meta = packageMeta(import.meta.url);

export const NN_PLUGIN_NAME = meta.name;

/** The network runtime's bodies (mlp, deep-sets, pfn, efn) and first-party methods (het-mlp, mlp-classifier). */
export function nnPlugin(): HepuqPlugin {
  return {
    meta,
    register(ctx) {
      for (const body of BUILTIN_NETWORKS) ctx.networks.add(body.key, body);
      ctx.methods.add(hetMlpMethod.key, hetMlpMethod);
      ctx.methods.add(mlpClassifierMethod.key, mlpClassifierMethod);
    },
  };
}
