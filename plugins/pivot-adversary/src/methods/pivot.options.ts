import { z } from '@hepuq/core';
import { ClassifierOptions, DecorrelateOn } from '../options/decorrelation-options.js';

export const PIVOT = 'pivot';

/**
 * Options of `pivot`: the classifier options, `lambda` (>= 0) weighting the adversary's loss in
 * L_f - lambda L_r, `adversarySteps` K per classifier step, pre-training epochs of both networks,
 * the adversary's architecture (`adversary`: a Gaussian mixture density network of `components`
 * for continuous Z, a softmax over its values for discrete Z; `auto` picks by the number of distinct
 * values), and `gradientReversal` (one simultaneous update of both per batch).
 */
export const PivotOptions = ClassifierOptions.extend({
  lambda: z.number().min(0).default(10),
  adversarySteps: z.number().int().min(1).max(100).default(5),
  pretrainEpochs: z.number().int().min(0).default(5),
  adversaryPretrainEpochs: z.number().int().min(0).default(5),
  adversary: z.enum(['auto', 'mixture', 'classes']).default('auto'),
  components: z.number().int().min(1).max(20).default(5),
  adversaryHidden: z.array(z.number().int().positive()).min(1).default([32, 32]),
  /** Adversary learning rate (default: `lr`). */
  adversaryLr: z.number().positive().optional(),
  gradientReversal: z.boolean().default(false),
  decorrelateOn: DecorrelateOn.default('all'),
}).strict();
export type PivotOptions = z.infer<typeof PivotOptions>;
