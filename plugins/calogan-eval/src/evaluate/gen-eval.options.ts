import { z } from '@hepuq/core';
import { AmplificationOptions } from '../amplification/amplification.metric.js';
import { ClassifierTestOptions } from '../classifier/classifier-test.js';
import { FpdOptions } from '../metrics/fpd.metric.js';
import { KpdDegree, KpdOptions } from '../metrics/kpd.metric.js';
import { PrdcOptions } from '../metrics/prdc.metric.js';
import { SeparationOptions } from '../metrics/separation-power.metric.js';
import { TailOptions } from '../metrics/tail-fraction.metric.js';
import { W1Options } from '../metrics/wasserstein.metric.js';
import { NORMALISE_MODES } from '../sample/normalise.js';
import { TimingOptions } from '../timing/generation-timing.js';

/** Registry key of the command, the run step and the report section. */
export const GEN_EVAL = 'gen-eval';

/** The metrics `gen-eval` can compute, in report order. */
export const METRIC_KEYS = ['fpd', 'kpd', 'w1', 'prdc', 'classifier', 'separation', 'tails', 'amplification'] as const;
export type MetricKey = (typeof METRIC_KEYS)[number];

/** The metrics computed when none are named: all but `amplification`, which needs a truth and a training sample. */
export const DEFAULT_METRICS: readonly MetricKey[] = METRIC_KEYS.filter((m) => m !== 'amplification');

/** Options of one evaluation (the run-step options and the library call). */
export const GenEvalOptions = z
  .object({
    metrics: z.array(z.enum(METRIC_KEYS)).min(1).default([...DEFAULT_METRICS]),
    /** `jetnet` also brings JetNet's FPD and KPD defaults for every option left unset (see jetnet-conventions.ts). */
    normalise: z.enum(NORMALISE_MODES).default('reference'),
    /** Master seed; every metric draws its batches from a stream forked from it. */
    seed: z.number().int().default(1),
    fpd: FpdOptions.partial().optional(),
    /** `degree` has no default here: unset, it is 3, or JetNet's 4 with `normalise: jetnet` (see jetnet-conventions.ts). */
    kpd: KpdOptions.partial().extend({ degree: KpdDegree.optional() }).optional(),
    w1: W1Options.partial().optional(),
    prdc: PrdcOptions.partial().optional(),
    classifier: ClassifierTestOptions.partial().optional(),
    separation: SeparationOptions.partial().optional(),
    tails: TailOptions.partial().optional(),
    timing: TimingOptions.partial().optional(),
    amplification: AmplificationOptions.partial().optional(),
  })
  .strict();
export type GenEvalOptions = z.input<typeof GenEvalOptions>;
export type ResolvedGenEvalOptions = z.output<typeof GenEvalOptions>;
