import { z, type Rng } from '@hepuq/core';

/**
 * How a toy draws its per-event nuisance Z: fixed (`z`), uniform over discrete values (`zValues`, e.g. the
 * two generators of a two-point systematic), or from its Gaussian prior N(mean, zStd) when neither is given.
 * The fields are spread into each toy's strict options object so that every toy spells them the same way.
 */
export const nuisancePriorFields = {
  /** Fixed Z for every event (the prior becomes a point mass). */
  z: z.number().finite().optional(),
  /** Z drawn uniformly from these values (exclusive with `z`). */
  zValues: z.array(z.number().finite()).min(1).optional(),
  /** Width of the Gaussian prior of Z (used when neither `z` nor `zValues` is given). */
  zStd: z.number().finite().positive(),
};

export interface NuisancePrior {
  z?: number;
  zValues?: number[];
  zStd: number;
}

/** zod refinement: `z` and `zValues` are exclusive. */
export function checkNuisancePrior(o: NuisancePrior, ctx: z.RefinementCtx): void {
  if (o.z !== undefined && o.zValues !== undefined) {
    ctx.addIssue({ code: 'custom', message: 'give either z (one fixed value) or zValues (discrete values), not both', path: ['zValues'] });
  }
}

/** One draw of Z: the fixed value, a uniform pick from `zValues`, or mean + zStd * N(0, 1). */
export function drawNuisance(o: NuisancePrior, mean: number, rng: Rng): number {
  if (o.z !== undefined) return o.z;
  if (o.zValues !== undefined) return o.zValues[rng.int(o.zValues.length)];
  return rng.normal(mean, o.zStd);
}
