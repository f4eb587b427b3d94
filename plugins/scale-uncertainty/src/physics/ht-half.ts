import { HepuqError } from '@hepuq/core';
import { PLUGIN_NAME } from '../plugin-meta.js';

/** Four-momenta packed as [E, px, py, pz] per particle, in one flat array. */
export type FourMomenta = Float64Array | Float32Array;

/** Relative slack for E^2 - pz^2 < 0 from rounding of massless particles along the beam. */
const ROUNDING_SLACK = 1e-6;

/**
 * Central scale mu0 = H_T/2 = 1/2 Σ_i sqrt(m_i^2 + pT_i^2) = 1/2 Σ_i sqrt(E_i^2 - pz_i^2) over the
 * final-state particles — arXiv:1405.0301 (MadGraph5_aMC@NLO default dynamical scale).
 * @example htHalf(Float64Array.of(50, 30, 0, 0,   10, 6, 8, 0)) // (50 + 10) / 2 = 30
 */
export function htHalf(momenta: FourMomenta, first = 0, count = momenta.length / 4 - first): number {
  if (momenta.length % 4 !== 0) {
    throw new HepuqError('ShapeMismatch', `four-momenta array has ${momenta.length} entries, not a multiple of 4 (E, px, py, pz)`, { plugin: PLUGIN_NAME });
  }
  let sum = 0;
  for (let i = first; i < first + count; i++) {
    const e = momenta[4 * i];
    const pz = momenta[4 * i + 3];
    const mt2 = e * e - pz * pz; // m^2 + pT^2, written without cancelling |p|^2 twice
    if (mt2 < -ROUNDING_SLACK * e * e) {
      throw new HepuqError('InvalidArgument', `particle ${i}: E = ${e} < |pz| = ${Math.abs(pz)} is not a physical four-momentum`, { plugin: PLUGIN_NAME });
    }
    sum += Math.sqrt(Math.max(mt2, 0));
  }
  return sum / 2;
}

/**
 * mu0 = H_T/2 for each of N events with the same number of final-state particles, from a flat
 * [N * particlesPerEvent * 4] array (E, px, py, pz).
 * @example htHalfPerEvent(momenta, 2) // Float64Array of length momenta.length / 8
 */
export function htHalfPerEvent(momenta: FourMomenta, particlesPerEvent: number): Float64Array {
  if (!Number.isInteger(particlesPerEvent) || particlesPerEvent < 1 || momenta.length % (4 * particlesPerEvent) !== 0) {
    throw new HepuqError('ShapeMismatch', `four-momenta array of length ${momenta.length} does not hold whole events of ${particlesPerEvent} particles x 4 components`, { plugin: PLUGIN_NAME });
  }
  const events = momenta.length / (4 * particlesPerEvent);
  const out = new Float64Array(events);
  for (let k = 0; k < events; k++) out[k] = htHalf(momenta, k * particlesPerEvent, particlesPerEvent);
  return out;
}
