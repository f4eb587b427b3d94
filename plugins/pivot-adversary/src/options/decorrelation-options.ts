import { z } from '@hepuq/core';
import { MlpOptions } from '@hepuq/nn';

/** Which events a decorrelation term sees: Louppe et al. use all, DisCo and MoDe the background. */
export const DecorrelateOn = z.enum(['all', 'background', 'signal']);
export type DecorrelateOn = z.infer<typeof DecorrelateOn>;

/**
 * Options every classifier of this plugin shares: the MLP options, the nuisance column, class
 * balancing, and the diagnostics written to metrics.json (`auc_by_nuisance` in `nuisanceBins` bins of
 * the nuisance; `sculpting_jsd` of the mass-like `sculpt` column at `sculptEfficiency` signal efficiency).
 */
export const ClassifierOptions = MlpOptions.extend({
  /** The decorrelation target / nuisance column (a `nuisances:` or `extras:` column); default the first nuisance. */
  nuisance: z.string().min(1).optional(),
  /** Reweight the classes to equal total weight. */
  balance: z.boolean().default(false),
  /** Bins of the nuisance for `auc_by_nuisance` (equal population; one per value for a discrete nuisance). */
  nuisanceBins: z.number().int().min(1).max(100).default(5),
  /** A mass-like column whose background distribution should not be sculpted by a cut on the score. */
  sculpt: z.string().min(1).optional(),
  /** Signal efficiency of the cut for `sculpting_jsd`. */
  sculptEfficiency: z.number().gt(0).lt(1).default(0.5),
});

/** Options of the penalty methods (DisCo, MoDe): the strength `lambda` >= 0 and the events the penalty sees. */
export const PenaltyOptions = ClassifierOptions.extend({
  /** Strength of the decorrelation term (0: an ordinary classifier). */
  lambda: z.number().min(0).default(10),
  decorrelateOn: DecorrelateOn.default('background'),
});
