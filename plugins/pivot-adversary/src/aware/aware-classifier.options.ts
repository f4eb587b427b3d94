import type { z } from '@hepuq/core';
import { ClassifierOptions } from '../options/decorrelation-options.js';

export const AWARE_CLASSIFIER = 'aware-classifier';

/**
 * Options of `aware-classifier`: the classifier options; `nuisance` is the column Z the network
 * takes as an extra input (default the first nuisance).
 */
export const AwareClassifierOptions = ClassifierOptions.strict();
export type AwareClassifierOptions = z.infer<typeof AwareClassifierOptions>;
