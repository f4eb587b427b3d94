import { z, MemberHealthOptions } from '@hepuq/core';
import { ObservableSpec } from '../observables/observable.js';

export const OMNIFOLD = 'omnifold';

/** The classifier of every step when the config names none: the core MLP, sized for unfolding toys. */
export const DEFAULT_CLASSIFIER = { use: 'mlp-classifier', options: { hidden: [32, 32], activation: 'elu', epochs: 10, batchSize: 512 } };

/** Settings of the binned IBU comparison run on every observable (pyunfold's names). */
export const IbuComparison = z
  .object({
    /**
     * Prior of the causes: the simulation's particle-level histogram (`simulation`, the start OmniFold
     * shares, so equal iterations compare like with like), or pyunfold's `uniform` or `jeffreys`.
     */
    prior: z.enum(['simulation', 'uniform', 'jeffreys']).default('simulation'),
    /** Stop when the KS distance between successive unfolded distributions falls below this. */
    ts_stopping: z.number().gt(0).default(0.01),
    max_iter: z.number().int().positive().default(100),
  })
  .strict();
export type IbuComparison = z.infer<typeof IbuComparison>;

/** Options of the `omnifold` unfolding method (strict: unknown keys are errors). */
export const OmniFoldOptions = z
  .object({
    /** OmniFold iterations (each: step 1 at detector level, step 2 at particle level). */
    iterations: z.number().int().min(1).max(100).default(4),
    /** The classification method of every step, from the methods registry, with its options. */
    classifier: z.object({ use: z.string().min(1), options: z.record(z.string(), z.unknown()).default({}) }).strict().default(DEFAULT_CLASSIFIER),
    /** Classifiers trained per step whose density ratios are averaged (step ensembling). */
    stepEnsemble: z.number().int().min(1).default(1),
    /** Independent OmniFold runs on the nominal data with different classifier seeds: their mean is the result, their spread the method uncertainty. */
    ensemble: z.number().int().min(1).default(1),
    /** Bootstrap replicas: OmniFold rerun with Poisson(1) weights on the data; their spread is the statistical uncertainty. */
    bootstrap: z.number().int().min(0).default(0),
    /** Also draw Poisson(1) weights for the simulation in every replica (its finite size). */
    bootstrapSim: z.boolean().default(false),
    /** Each iteration's classifiers continue from the previous iteration's instead of starting afresh. */
    warmStart: z.boolean().default(false),
    /**
     * Events without a partner at one level: `average` gives simulated events that fail reco the
     * step-1 weight averaged over events with the same particle-level values, and fakes the step-2
     * weight averaged over the same detector-level values (extra classifiers, steps 1b and 2b);
     * `prior` keeps their previous weights.
     */
    missing: z.enum(['average', 'prior']).default('average'),
    /** Classifier outputs are clipped to [probClip, 1 - probClip] before c/(1-c). */
    probClip: z.number().gt(0).lt(0.5).default(1e-6),
    /** Density ratios above this are clipped to it. */
    maxWeight: z.number().gt(1).default(100),
    /** Observables to histogram after unfolding, each with OmniFold's and IBU's result. */
    observables: z.array(ObservableSpec).default([]),
    ibu: IbuComparison.prefault({}),
    /** The health check after unfolding: a member or replica that diverged or stands out is rerun with a new classifier seed. */
    health: MemberHealthOptions.prefault({}),
  })
  .strict();
export type OmniFoldOptions = z.infer<typeof OmniFoldOptions>;
