import { z } from '@hepuq/core';
import { SpectrumPrior } from '../priors/spectrum-prior.js';

/** Reweight the test sample to another prior of the true y, or by a per-event weights column. */
export const ClosureReweight = z.union([
  z
    .object({
      /** The prior of y to reweight the test sample to: `{ shape: power-law, index }`, `{ shape: flat }` or `{ shape: gaussian, mean, sigma }`. */
      prior: SpectrumPrior,
      /** The test sample's own prior when it is known (exact weights p_prior / p_from); default: estimated from a histogram of the test truth. */
      from: SpectrumPrior.optional(),
      /** Equal-weight bins of the histogram that estimates the test prior when `from` is not given. */
      densityBins: z.number().int().min(2).max(1000).default(40),
    })
    .strict(),
  z
    .object({
      /** An extras column of per-event weights (they multiply the event weights). */
      column: z.string().min(1),
    })
    .strict(),
]);
export type ClosureReweight = z.output<typeof ClosureReweight>;

/** Options of the closure diagnostics (the `closure` metric and the `closure-compare` run step). */
export const ClosureOptions = z
  .object({
    /** Bins of the true y: a count, or explicit edges (events outside them are left out). */
    bins: z.union([z.number().int().min(1).max(100), z.array(z.number().finite()).min(2)]).default(10),
    /** How a count of bins splits the true y: equal weight per bin (`quantile`) or equal width (`linear`). */
    binning: z.enum(['quantile', 'linear']).default('quantile'),
    /** The residual: `relative` (prediction - y) / y (needs y > 0) or `absolute` prediction - y. */
    residual: z.enum(['relative', 'absolute']).default('relative'),
    /** Also the closure under a reweighted test prior (values `closure_*_reweighted`, table `closure_reweighted`). */
    reweight: ClosureReweight.optional(),
  })
  .strict()
  .refine((o) => typeof o.bins === 'number' || o.bins.every((e, i, edges) => i === 0 || e > edges[i - 1]), {
    message: 'bin edges must rise strictly',
    path: ['bins'],
  });
export type ClosureOptions = z.output<typeof ClosureOptions>;
