import { z } from '@hepuq/core';
import { AWARE_CLASSIFIER } from './aware/aware-classifier.options.js';
import { DISCO } from './methods/disco.options.js';
import { MODE } from './methods/mode.options.js';
import { PIVOT } from './methods/pivot.options.js';

/** Every method key the plugin can register. */
export const PIVOT_ADVERSARY_METHOD_KEYS = [PIVOT, DISCO, MODE, AWARE_CLASSIFIER] as const;

/** Options of `pivotAdversary()`, validated in the factory before anything registers (unknown keys are errors). */
export const PivotAdversaryPluginOptions = z
  .object({
    /** Register only these methods (default: all). */
    methods: z.array(z.enum(PIVOT_ADVERSARY_METHOD_KEYS)).min(1).optional(),
  })
  .strict();
export type PivotAdversaryPluginOptions = z.input<typeof PivotAdversaryPluginOptions>;
