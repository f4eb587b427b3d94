import type { z } from '@hepuq/core';
import { PenaltyOptions } from '../options/decorrelation-options.js';

export const DISCO = 'disco';

/**
 * Options of `disco`: the classifier options, `lambda` (>= 0) weighting the squared distance
 * correlation between the score and the `nuisance` column (a nuisance or a mass-like extra), computed
 * per minibatch on the `decorrelateOn` events (default background, as Kasieczka & Shih do).
 */
export const DiscoOptions = PenaltyOptions.strict();
export type DiscoOptions = z.infer<typeof DiscoOptions>;
