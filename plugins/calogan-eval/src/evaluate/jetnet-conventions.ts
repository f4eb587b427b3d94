import type { FpdOptions } from '../metrics/fpd.metric.js';
import type { KpdOptions } from '../metrics/kpd.metric.js';
import type { NormaliseMode } from '../sample/normalise.js';

/**
 * JetNet's defaults (github.com/jet-net/JetNet, jetnet/evaluation/gen_metrics.py), which published FPD
 * and KPD values use:
 *   kpd(real, gen, num_batches=10, batch_size=5_000, normalise=True, seed=42), each batch
 *     `_mmd_poly_quadratic_unbiased(X, Y)` with its default degree=4 and the kernel
 *     `(X @ Y.T * gamma + 1.0) ** degree`, gamma = 1 / d, i.e. (x.y/d + 1)^4;
 *   fpd(real, gen, min_samples=20_000, max_samples=50_000, num_batches=20, num_points=10, normalise=True);
 *   `_normalise_features(X, Y)`: both divided by np.max(np.abs(X), axis=0) of the real sample X, 0 -> 1.
 */
export const JETNET = {
  kpd: { degree: 4, batches: 10, batchSize: 5000 },
  fpd: { minSamples: 20_000, maxSamples: 50_000, batches: 20, points: 10 },
} as const;

/** The option blocks the conventions touch: what the user set (undefined keys are unset). */
export interface ConventionBlocks {
  fpd?: Partial<FpdOptions>;
  kpd?: Partial<KpdOptions>;
}

/** `user` over `defaults` key by key; a key the user left undefined takes the default. */
function over<T extends object>(defaults: Partial<T>, user: Partial<T> | undefined): Partial<T> {
  const out: Partial<T> = { ...defaults };
  for (const [key, value] of Object.entries(user ?? {})) if (value !== undefined) (out as Record<string, unknown>)[key] = value;
  return out;
}

/**
 * The FPD and KPD options of an evaluation: the user's, over the defaults that the normalisation mode
 * brings. `jetnet` brings JetNet's: KPD degree 4 in 10 batches (hepuq's batch size min(5000, n/10)
 * is JetNet's 5000 from 50k events on), FPD batch sizes 20k .. 50k in 10 points of 20 batches; with
 * fewer than 50k events in the smaller sample the FPD range shrinks to 0.4 n .. n (hepuq draws without
 * replacement), and when the user sets either end of the range hepuq's default fills the other.
 * `reference` and `none` bring nothing (each metric's own defaults apply).
 * @example conventionOptions('jetnet', 60000, 60000, { kpd: { degree: 3 } }).kpd // { degree: 3, batches: 10 }
 */
export function conventionOptions(mode: NormaliseMode, nRef: number, nGen: number, user: ConventionBlocks): { fpd: Partial<FpdOptions>; kpd: Partial<KpdOptions> } {
  if (mode !== 'jetnet') return { fpd: over({}, user.fpd), kpd: over({}, user.kpd) };
  const { minSamples, maxSamples, batches, points } = JETNET.fpd;
  const userRange = user.fpd?.minSamples !== undefined || user.fpd?.maxSamples !== undefined;
  const top = Math.min(maxSamples, Math.min(nRef, nGen));
  const range = userRange ? {} : { minSamples: Math.round((top * minSamples) / maxSamples), maxSamples: top };
  return {
    fpd: over<FpdOptions>({ ...range, batches, points }, user.fpd),
    kpd: over<KpdOptions>({ degree: JETNET.kpd.degree, batches: JETNET.kpd.batches }, user.kpd),
  };
}
