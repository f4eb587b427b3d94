import { Dataset } from '@hepuq/core';

/** Extra column: 1 for an event with a particle-level (gen) record, 0 for a fake (reco only). */
export const PASS_GEN = 'pass_gen';
/** Extra column: 1 for an event that was reconstructed, 0 for one lost by the detector (gen only). */
export const PASS_RECO = 'pass_reco';
/** The finite value stored in the gen columns of fakes and the reco columns of lost events. */
export const UNFOLDING_PLACEHOLDER = 0;

/**
 * Name of the particle-level feature of an observable.
 * @example genColumn('mass') // 'gen_mass'
 */
export function genColumn(observable: string): string {
  return `gen_${observable}`;
}

/**
 * Name of the detector-level feature of an observable.
 * @example recoColumn('mass') // 'reco_mass'
 */
export function recoColumn(observable: string): string {
  return `reco_${observable}`;
}

/** Columns of an unfolding sample, one gen and one reco column per observable, in the same order. */
export interface UnfoldingColumns {
  observables: readonly string[];
  gen: readonly Float32Array[];
  reco: readonly Float32Array[];
  passGen: Float32Array;
  passReco: Float32Array;
  /** Particle-level truth density at the gen point (0 for fakes). */
  trueDensity: Float32Array;
  weights?: Float32Array;
}

/**
 * The dataset layout every unfolding toy shares: features `gen_<obs>` (all observables) then `reco_<obs>`,
 * extras `pass_gen`, `pass_reco` and `true_density`, source `toy:<key>`.
 * @example unfoldingDataset('unfold-gauss', { observables: ['x'], gen: [g], reco: [r], passGen, passReco, trueDensity })
 */
export function unfoldingDataset(key: string, c: UnfoldingColumns): Dataset {
  const features: Record<string, Float32Array> = {};
  c.observables.forEach((obs, j) => (features[genColumn(obs)] = c.gen[j]));
  c.observables.forEach((obs, j) => (features[recoColumn(obs)] = c.reco[j]));
  return new Dataset({
    features, weights: c.weights, source: `toy:${key}`,
    extras: { [PASS_GEN]: c.passGen, [PASS_RECO]: c.passReco, true_density: c.trueDensity },
  });
}
