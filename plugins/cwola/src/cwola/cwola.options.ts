import { z } from '@hepuq/core';
import { ClassifierChoice } from './classifier-choice.js';

export const CWOLA = 'cwola';

/** Options of the `cwola` method. */
export const CwolaOptions = z
  .object({
    /** The classifier trained between the two mixed samples: any classification method of the registry with its options. */
    classifier: ClassifierChoice,
    /**
     * Reweight the two samples to equal total weight before training (default true): the optimal
     * classifier then estimates p1/(p0 + p1) of the two samples' densities, whatever their sizes.
     */
    balance: z.boolean().default(true),
    /**
     * A column with the true signal label (1 signal, 0 background) for validation only, never an
     * input: the test report adds the signal-vs-background AUC, each sample's signal fraction and
     * the mixed AUC they predict. An extras or nuisances column.
     */
    truth: z.string().min(1).optional(),
  })
  .strict();
export type CwolaOptions = z.output<typeof CwolaOptions>;
