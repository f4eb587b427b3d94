import { z } from '@hepuq/core';
import { PenaltyOptions } from '../options/decorrelation-options.js';

export const MODE = 'mode';

/**
 * Options of `mode`: the classifier options, `lambda` (>= 0) weighting the moment-decomposition
 * penalty against the mass-like `nuisance` column, the Legendre `order` the background efficiency may
 * follow in mass (0 flat, 1 linear, 2 quadratic) and the number of mass `bins`.
 */
export const ModeOptions = PenaltyOptions.extend({
  order: z.union([z.literal(0), z.literal(1), z.literal(2)]).default(0),
  bins: z.number().int().min(2).max(200).default(20),
}).strict();
export type ModeOptions = z.infer<typeof ModeOptions>;
