import { z } from '@hepuq/core';
import { DEFAULT_CLASSIFIER } from './classifier/classifier-test.js';
import { DEFAULT_METRICS, METRIC_KEYS } from './evaluate/gen-eval.options.js';
import { KpdDegree } from './metrics/kpd.metric.js';
import { NORMALISE_MODES } from './sample/normalise.js';

/** Plugin options: the defaults of `hepuq gen-eval` and of the `gen-eval` run step. */
export const CaloganEvalOptions = z
  .object({
    metrics: z.array(z.enum(METRIC_KEYS)).min(1).default([...DEFAULT_METRICS]),
    normalise: z.enum(NORMALISE_MODES).default('reference'),
    /** Unset: 3, or JetNet's 4 with `normalise: jetnet`; set, it wins over both. */
    kpdDegree: KpdDegree.optional(),
    prdcK: z.number().int().min(1).default(5),
    /** PRDC events per batch and sample; unset: PRDC on the full samples. */
    prdcBatch: z.number().int().min(2).optional(),
    /** PRDC distance threads; unset: the available cores (1: the calling thread). The same numbers either way. */
    prdcThreads: z.number().int().min(1).optional(),
    /** Registry key of the classifier for the two-sample test. */
    classifier: z.string().default(DEFAULT_CLASSIFIER),
    classifierOptions: z.record(z.string(), z.unknown()).default({}),
    seed: z.number().int().default(1),
  })
  .strict();
export type CaloganEvalOptions = z.input<typeof CaloganEvalOptions>;
export type ResolvedCaloganEvalOptions = z.output<typeof CaloganEvalOptions>;
