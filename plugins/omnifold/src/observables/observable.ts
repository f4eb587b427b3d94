import { z } from '@hepuq/core';

/** Bin edges: an increasing list, or `{ n, min, max }` for n equal bins. */
export const Binning = z.union([
  z.array(z.number()).min(2).refine((e) => e.every((v, i) => i === 0 || v > e[i - 1]), { message: 'bin edges must increase strictly' }),
  z.object({ n: z.number().int().positive(), min: z.number(), max: z.number() }).strict().refine((b) => b.max > b.min, { message: '`max` must exceed `min`' }),
]);
export type Binning = z.infer<typeof Binning>;

/**
 * An observable to histogram after unfolding: a particle-level `column` of the simulation, its
 * detector-level partner `reco` (default: the reco column at the same position as `column` among the
 * gen columns), for the binned IBU comparison, and its `bins`.
 */
export const ObservableSpec = z.object({ column: z.string().min(1), reco: z.string().min(1).optional(), bins: Binning }).strict();
export type ObservableSpec = z.infer<typeof ObservableSpec>;

/** The edges of a binning. */
export function binEdges(bins: Binning): number[] {
  if (Array.isArray(bins)) return bins;
  return Array.from({ length: bins.n + 1 }, (_, i) => bins.min + ((bins.max - bins.min) * i) / bins.n);
}
