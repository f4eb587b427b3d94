import { z } from '@hepuq/core';
import {
  BOOTSTRAP_ENSEMBLE, BOOTSTRAP_ENSEMBLE_CLASSIFIER, DEEP_ENSEMBLE, DEEP_ENSEMBLE_CLASSIFIER, REPULSIVE_ENSEMBLE,
  REPULSIVE_ENSEMBLE_CLASSIFIER,
} from './methods/ensemble-options.js';

/** Every method key the plugin can register. */
export const ENSEMBLE_METHOD_KEYS = [
  DEEP_ENSEMBLE, DEEP_ENSEMBLE_CLASSIFIER, BOOTSTRAP_ENSEMBLE, BOOTSTRAP_ENSEMBLE_CLASSIFIER, REPULSIVE_ENSEMBLE,
  REPULSIVE_ENSEMBLE_CLASSIFIER,
] as const;

/** Options of `ensembles()`. */
export const EnsemblesPluginOptions = z
  .object({
    /** Register only these methods (default: all six). */
    methods: z.array(z.enum(ENSEMBLE_METHOD_KEYS)).min(1).optional(),
  })
  .strict();
export type EnsemblesPluginOptions = z.input<typeof EnsemblesPluginOptions>;
