import { parsePluginOptions, type HepuqPlugin, type UQMethod } from '@hepuq/core';
import { EnsemblesPluginOptions } from './ensembles.options.js';
import { bootstrapEnsembleClassifierMethod, bootstrapEnsembleMethod } from './methods/bootstrap-ensemble.method.js';
import { deepEnsembleClassifierMethod, deepEnsembleMethod } from './methods/deep-ensemble.method.js';
import { repulsiveEnsembleClassifierMethod, repulsiveEnsembleMethod } from './methods/repulsive-ensemble.method.js';
import { PLUGIN_META, PLUGIN_NAME } from './plugin-meta.js';

/** The six methods, keyed by registry key. */
export const ENSEMBLE_METHODS: readonly UQMethod[] = [
  deepEnsembleMethod, deepEnsembleClassifierMethod, bootstrapEnsembleMethod, bootstrapEnsembleClassifierMethod,
  repulsiveEnsembleMethod, repulsiveEnsembleClassifierMethod,
];

/**
 * The ensembles plugin: registers `deep-ensemble`, `bootstrap-ensemble`, `repulsive-ensemble` and
 * their `-classifier` twins (or the subset named in `methods`).
 * @example const app = await createHepuq({ plugins: [ensembles()] });
 *          // run config: method: { use: deep-ensemble, options: { members: 10 } }
 */
export function ensembles(options: EnsemblesPluginOptions = {}): HepuqPlugin {
  const opts = parsePluginOptions(PLUGIN_NAME, EnsemblesPluginOptions, options);
  const wanted = new Set<string>(opts.methods ?? ENSEMBLE_METHODS.map((m) => m.key));
  return {
    meta: PLUGIN_META,
    register(ctx) {
      for (const method of ENSEMBLE_METHODS) if (wanted.has(method.key)) ctx.methods.add(method.key, method);
    },
  };
}

export default ensembles;
