import { DataSource, z, MemberHealthOptions } from '@hepuq/core';
import { ClassifierChoice } from '../cwola/classifier-choice.js';

export const CWOLA_HUNT = 'cwola-hunt';

/** Bins of the resonance variable: explicit ascending edges, or `n` bins between `min` and `max`, equal in the variable or its log. */
export const HuntBins = z.union([
  z.object({ edges: z.array(z.number().finite()).min(4) }).strict()
    .refine((b) => b.edges.every((e, i) => i === 0 || e > b.edges[i - 1]), { message: 'bin edges must increase strictly' }),
  z.object({
    n: z.number().int().min(3),
    min: z.number().finite().positive(),
    max: z.number().finite().positive(),
    scale: z.enum(['linear', 'log']).default('linear'),
  }).strict().refine((b) => b.max > b.min, { message: '`max` must exceed `min`' }),
]);
export type HuntBins = z.output<typeof HuntBins>;

/**
 * The signal regions: `width` adjacent bins sliding by `step` with `sideband` bins on each side
 * (every window complete inside the bins), or explicit `windows` of 0-based inclusive bin ranges.
 */
export const SignalRegions = z.union([
  z.object({
    width: z.number().int().min(1).default(2),
    sideband: z.number().int().min(1).default(2),
    step: z.number().int().min(1).default(1),
  }).strict(),
  z.object({
    windows: z.array(z.tuple([z.number().int().min(0), z.number().int().min(0)])).min(1),
    sideband: z.number().int().min(1).default(2),
  }).strict(),
]);
export type SignalRegions = z.output<typeof SignalRegions>;

/** The background fit of each selected spectrum (see `bumpFit`). */
export const HuntFit = z.object({
  function: z.enum(['dijet3', 'dijet4']).default('dijet3'),
  /** √s in the units of the resonance variable (GeV). */
  sqrtS: z.number().finite().positive().default(13000),
  /**
   * A binned Poisson likelihood (default), or weighted least squares with σ = √(N + 1) as in the
   * reference analysis and `hepuq bump-fit`. Least squares underestimates the background by about
   * one count per bin (E[1/(N+1)] < 1/λ), which biases p-values once selections leave few events per bin.
   */
  method: z.enum(['lsq', 'poisson']).default('poisson'),
}).strict();
export type HuntFit = z.output<typeof HuntFit>;

/** Options of the `cwola-hunt` run step. */
export const CwolaHuntOptions = z
  .object({
    /** The events to hunt in; default: the run's training and test sets together. */
    data: DataSource.optional(),
    /** The resonance variable (an extras or feature column), e.g. the dijet invariant mass. */
    resonance: z.string().min(1).default('mjj'),
    /** The classifier's inputs; default: every feature of the data except the resonance variable. */
    features: z.array(z.string().min(1)).min(1).optional(),
    /**
     * A column with the true signal label (1 signal, 0 background), for validation only: signal
     * counts per selection, the signal-vs-background AUC, the background-only correlation check
     * and signal-injection scans. Never an input.
     */
    truth: z.string().min(1).optional(),
    bins: HuntBins,
    signalRegions: SignalRegions.default({ width: 2, sideband: 2, step: 1 }),
    /** k of the nested k-fold: every event is scored by networks trained on the other folds only. */
    folds: z.number().int().min(3).max(20).default(5),
    /**
     * Per test fold, each other fold serves once as validation fold while the remaining k - 2
     * train a network; the `select` networks with the lowest validation loss are averaged
     * (default: all k - 1).
     */
    select: z.number().int().min(1).optional(),
    classifier: ClassifierChoice,
    /** The health check of the nested k-fold networks: one that diverged or stands out is retrained with a new seed. */
    health: MemberHealthOptions.prefault({}),
    /** Selection efficiencies: the fraction of signal-region and sideband events above the score threshold. */
    efficiencies: z.array(z.number().gt(0).lt(1)).min(1).default([0.1, 0.01, 0.002]),
    fit: HuntFit.default({ function: 'dijet3', sqrtS: 13000, method: 'poisson' }),
    /**
     * Check that the classifier's features do not know the resonance variable: per signal region a
     * classifier trained on background alone (the `data` here, else the events with truth 0) to
     * separate signal region from sidebands, 2-fold; a warning when its AUC exceeds 1/2 by
     * `sigma` standard errors. Runs whenever `truth` or `data` is given.
     */
    correlationCheck: z.object({ data: DataSource.optional(), sigma: z.number().positive().default(3) }).strict().optional(),
    /**
     * Signal-injection scan (needs `truth`): the hunt repeated in one signal region (`sr`, default
     * the one holding the most signal) keeping all background and a random `signals[i]` of the
     * signal events, giving significance against injected signal.
     */
    injection: z.object({ signals: z.array(z.number().int().min(0)).min(1), sr: z.number().int().min(0).optional() }).strict().optional(),
  })
  .strict()
  .refine((o) => o.select === undefined || o.select <= o.folds - 1, { message: '`select` cannot exceed folds - 1', path: ['select'] })
  .refine((o) => !o.injection || o.truth, { message: 'an injection scan needs `truth`, the column of true signal labels', path: ['injection'] })
  .refine((o) => ('edges' in o.bins ? o.bins.edges[o.bins.edges.length - 1] : o.bins.max) < o.fit.sqrtS, {
    message: 'the bins must end below `fit.sqrtS` (the dijet function needs m/√s < 1; both in the same unit, GeV)', path: ['bins'],
  });
export type CwolaHuntOptions = z.output<typeof CwolaHuntOptions>;
