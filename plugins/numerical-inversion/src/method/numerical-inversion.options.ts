import { z } from '@hepuq/core';

export const NUMERICAL_INVERSION = 'numerical-inversion';

/**
 * The regression that learns the response when a config names none: the core heteroscedastic MLP,
 * sized for a smooth response of a few inputs (tanh for a smooth curve, a learning rate that decays to
 * 2% so the curve settles to a fraction of its statistical error; its sigma_stat is 0, so name a bnn or
 * an ensemble for a statistical uncertainty of the calibration).
 */
export const DEFAULT_INNER = { use: 'het-mlp', options: { hidden: [32, 32], activation: 'tanh', epochs: 25, batchSize: 512, lr: 0.003, lrFinal: 0.02 } };

/** A regression method of the registry with its options (parsed by the method's own schema when the run is checked). */
export const InnerChoice = z
  .object({ use: z.string().min(1), options: z.record(z.string(), z.unknown()).default({}) })
  .strict()
  .default(DEFAULT_INNER);
export type InnerChoice = z.output<typeof InnerChoice>;

/** The y grid the response is evaluated and inverted on. */
export const InversionGrid = z
  .object({
    /** Points of the grid in y (one grid for all events; one per event when the response depends on further features). */
    points: z.number().int().min(8).max(4096).default(128),
    /** Lower end of the grid (default: the smallest training y). */
    min: z.number().finite().optional(),
    /** Upper end of the grid (default: the largest training y). */
    max: z.number().finite().optional(),
  })
  .strict()
  .refine((g) => g.min === undefined || g.max === undefined || g.min < g.max, { message: 'grid.min must be smaller than grid.max', path: ['max'] });
export type InversionGrid = z.output<typeof InversionGrid>;

/** Options of the `numerical-inversion` method. */
export const NumericalInversionOptions = z
  .object({
    /**
     * The statistic of p(x | y) the learned response is: `median` (its inverse closes exactly for the
     * median), `mean` (closes only approximately) or `mode`. Taken from the inner method's predictive
     * distribution: a Gaussian head has mean = median = mode unless `target: log-ratio`; a mixture head
     * gives all three.
     */
    response: z.enum(['mean', 'median', 'mode']).default('median'),
    /** The regression that learns the response, trained on y (and the further features) -> x: any regression method of the registry. */
    inner: InnerChoice,
    /** The measured feature that is calibrated (default: the first feature); further features are the z the response depends on. */
    measured: z.string().min(1).optional(),
    /** What the inner regression learns: `ratio` x/y (the response R; needs y > 0), `log-ratio` log(x/y), or `value` x. */
    target: z.enum(['ratio', 'log-ratio', 'value']).default('ratio'),
    /** How y enters the inner network: `log` y (needs y > 0) or `linear`. */
    inputScale: z.enum(['log', 'linear']).default('log'),
    /** The y grid the response is inverted on. */
    grid: InversionGrid.prefault({}),
    /** A measured value beyond the response's range on the grid: `extrapolate` linearly with the end slope, or `clamp` to the grid's end. */
    outside: z.enum(['extrapolate', 'clamp']).default('extrapolate'),
    /**
     * A learned response that does not rise with y on the grid is an error naming where (`NotInvertible`);
     * `false`: a warning, and the isotonic (PAV) fit of the response is inverted instead, with large
     * uncertainties where it is flat.
     */
    strict: z.boolean().default(true),
  })
  .strict();
export type NumericalInversionOptions = z.output<typeof NumericalInversionOptions>;
