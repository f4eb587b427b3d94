import { dataRow, HepuqError, type Dataset, type NetworkRequest, type ParticleSet } from '@hepuq/core';
import type { Standardizer } from '../nn/standardizer.js';

/** How a set body weights each particle in the pooling sum. */
export type PoolWeighting = { kind: 'sum' } | { kind: 'mean' } | { kind: 'energy'; feature: string };

/** What a set body's plan records (JSON) beside the arrays. */
export interface SetState {
  set: string;
  features: string[];
  flat: string[];
  weighting: PoolWeighting;
  f: number[];
  activation: NetworkRequest['activation'];
}

/** The particle set `name` of `data` (or its only set when no name is given), checked to hold `features`. */
export function particleSetOf(data: Dataset, name: string | undefined, features: readonly string[], body: string): { name: string; set: ParticleSet } {
  const names = Object.keys(data.sets);
  const chosen = name ?? (names.length === 1 ? names[0] : undefined);
  if (chosen === undefined) {
    throw new HepuqError('InvalidConfig', `${data.source}: the ${body} network needs a particle set; ${names.length === 0 ? 'the data has none' : `name one of ${names.join(', ')} in network.options.set`}`, {
      hint: 'Read the constituents into a set (`sets:` in the data source, or `sets` of a Dataset) and name it in `network: { use, options: { set } }`.',
    });
  }
  const set = data.sets[chosen];
  if (!set) throw new HepuqError('ShapeMismatch', `${data.source}: no particle set "${chosen}" (the data has ${names.length ? names.join(', ') : 'none'})`);
  const missing = features.filter((f) => !set.features.includes(f));
  if (missing.length) {
    throw new HepuqError('ShapeMismatch', `${data.source}: particle set "${chosen}" lacks the feature(s) ${missing.join(', ')} the ${body} network reads; it has ${set.features.join(', ')}`);
  }
  return { name: chosen, set };
}

/** Fail with `EmptySet` for the first event without a particle. */
export function assertNoEmptyEvents(set: ParticleSet, name: string, source: string): void {
  const counts = set.counts();
  const empty = counts.findIndex((c) => c === 0);
  if (empty >= 0) {
    const total = counts.reduce((a, c) => a + (c === 0 ? 1 : 0), 0);
    throw new HepuqError('EmptySet', `${source}: particle set "${name}" ${dataRow(empty)} has no particles (${total} such events in all); a set network has nothing to pool for it`);
  }
}

/** Column indices of `features` inside the set. */
export function featureIndices(set: ParticleSet, features: readonly string[]): number[] {
  return features.map((f) => set.features.indexOf(f));
}

/** Per-feature mean and standard deviation over the real particles (padding excluded); constant features get std 1. */
export function fitParticleStandardizer(set: ParticleSet, cols: readonly number[]): Standardizer {
  const F = set.width;
  const d = cols.length;
  const sum = new Float64Array(d);
  const sq = new Float64Array(d);
  let count = 0;
  for (let k = 0; k < set.mask.length; k++) {
    if (!set.mask[k]) continue;
    count++;
    cols.forEach((c, j) => (sum[j] += set.values[k * F + c]));
  }
  const mean = Float64Array.from(sum, (s) => s / Math.max(1, count));
  for (let k = 0; k < set.mask.length; k++) {
    if (!set.mask[k]) continue;
    cols.forEach((c, j) => (sq[j] += (set.values[k * F + c] - mean[j]) ** 2));
  }
  return { mean: Float32Array.from(mean), std: Float32Array.from(sq, (s) => Math.sqrt(s / Math.max(1, count - 1)) || 1) };
}

/** Standardised per-particle inputs [n, P * d] (padding slots 0) of columns `cols`. */
export function particleMatrix(set: ParticleSet, cols: readonly number[], scale: Standardizer): Float32Array {
  const F = set.width;
  const d = cols.length;
  const out = new Float32Array(set.mask.length * d);
  for (let k = 0; k < set.mask.length; k++) {
    if (!set.mask[k]) continue;
    cols.forEach((c, j) => (out[k * d + j] = (set.values[k * F + c] - scale.mean[j]) / scale.std[j]));
  }
  return out;
}

/**
 * Pooling weights [n, P]: the mask (sum), mask / particles (mean), or the energy fractions
 * z_i = E_i / sum_j E_j of the event's particles (energy flow; E must be >= 0 with a positive sum).
 */
export function poolWeights(set: ParticleSet, weighting: PoolWeighting, name: string, source: string): Float32Array {
  const P = set.size;
  const out = new Float32Array(set.mask.length);
  const energy = weighting.kind === 'energy' ? set.features.indexOf(weighting.feature) : -1;
  for (let i = 0; i < set.n; i++) {
    let total = 0;
    for (let p = 0; p < P; p++) {
      const k = i * P + p;
      if (!set.mask[k]) continue;
      const e = energy >= 0 ? set.values[k * set.width + energy] : 1;
      if (!(e >= 0)) throw new HepuqError('InvalidArgument', `${source}: particle set "${name}" ${dataRow(i)}, particle ${p + 1}: energy weight "${(weighting as { feature: string }).feature}" is ${e}; it must be >= 0`);
      out[k] = weighting.kind === 'sum' ? 1 : e;
      total += e;
    }
    if (weighting.kind === 'sum') continue;
    if (!(total > 0)) throw new HepuqError('InvalidArgument', `${source}: particle set "${name}" ${dataRow(i)} has zero total energy weight; energy fractions are undefined`);
    for (let p = 0; p < P; p++) out[i * P + p] /= total;
  }
  return out;
}
