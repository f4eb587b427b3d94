import { z } from '@hepuq/core';
import { DEFAULT_CLASSIFIER } from './classifier/classifier-test.js';
import { METRIC_KEYS } from './evaluate/gen-eval.options.js';
import { NORMALISE_MODES } from './sample/normalise.js';

/** Plugin options: the defaults of `hepuq gen-eval` and of the `gen-eval` run step. */
export const CaloganEvalOptions = z
  .object({
    metrics: z.array(z.enum(METRIC_KEYS)).min(1).default([...METRIC_KEYS]),
    normalise: z.enum(NORMALISE_MODES).default('reference'),
    kpdDegree: z.number().int().min(1).max(8).default(3),
    prdcK: z.number().int().min(1).default(5),
    /** Registry key of the classifier for the two-sample test. */
    classifier: z.string().default(DEFAULT_CLASSIFIER),
    classifierOptions: z.record(z.string(), z.unknown()).default({}),
    seed: z.number().int().default(1),
  })
  .strict();
export type CaloganEvalOptions = z.input<typeof CaloganEvalOptions>;
export type ResolvedCaloganEvalOptions = z.output<typeof CaloganEvalOptions>;
