import { DataSource, z } from '@hepuq/core';

/** Registry key of the step (`steps: [{ use: aware-profile }]`). */
export const AWARE_PROFILE = 'aware-profile';

const Finite = z.number().refine(Number.isFinite, 'must be a finite number');

/**
 * Options of the `aware-profile` step (strict: unknown keys are errors). Every key is optional:
 * `observed` defaults to the run's test set, `templates` to its train set, the Z grid and constraint
 * to the model's prior (see `resolveProfileSettings`).
 */
export const AwareProfileOptions = z
  .object({
    /** The data to fit ("collision data"): a data source like the run config's; default the run's test set. */
    observed: DataSource.optional(),
    /** Labelled events with the nuisance column, for the signal and background templates; default the run's train set. */
    templates: DataSource.optional(),
    /** Score-histogram bins on [0, 1]. */
    bins: z.number().int().min(2).max(200).default(10),
    /** Values of Z where templates are built; default prior.mean + prior.std * [-2, -1.5, ..., 2]. */
    zGrid: z.array(Finite).min(3).optional(),
    /** Constraint centre of Z; default the model's prior mean. */
    zNominal: Finite.optional(),
    /** Constraint width of Z (one sigma); default the model's prior std. */
    zStd: z.number().positive().optional(),
    /** Half-width of the Z window that selects template events around each grid value; default half the grid spacing. */
    zWindow: z.number().positive().optional(),
    /** Template normalisation factor; default (total observed weight) / (total template weight). */
    scale: z.number().positive().optional(),
    /** Range and points of the mu scans; also the bounds of mu in the workspaces. */
    mu: z
      .object({
        lo: Finite.default(0),
        hi: Finite.default(3),
        points: z.number().int().min(3).max(401).default(31),
      })
      .strict()
      .refine((m) => m.hi > m.lo, { message: 'mu.hi must exceed mu.lo', path: ['hi'] })
      .default({ lo: 0, hi: 3, points: 31 }),
  })
  .strict()
  .refine((o) => !o.zGrid || o.zGrid.every((v, i) => i === 0 || v > o.zGrid![i - 1]), { message: 'zGrid must be strictly increasing', path: ['zGrid'] });
export type AwareProfileOptions = z.output<typeof AwareProfileOptions>;
