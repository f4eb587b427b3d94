import { binnedMoments, equalMassBins } from '../../weighted/equal-mass-bins.js';

/** Feature name as a value-name suffix: lower case, runs of other characters replaced by `_`. */
export function valueSuffix(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9]+/g, '_').replace(/^_|_$/g, '') || 'feature';
}

/** One slice of a feature: its range and the weighted moments of a per-event quantity inside it. */
export interface SliceRow {
  slice: number;
  low: number;
  high: number;
  sumW: number;
  neff: number;
  mean: number;
  meanError: number;
  std: number;
  stdError: number;
}

/** Weighted moments of `x` in `slices` equal-mass slices of the feature column `f`. */
export function slicedMoments(f: Float32Array, x: Float64Array, w: Float32Array, slices: number): SliceRow[] {
  const bin = equalMassBins(f, w, slices);
  const low = new Float64Array(slices).fill(Infinity);
  const high = new Float64Array(slices).fill(-Infinity);
  for (let i = 0; i < f.length; i++) {
    const b = bin[i];
    if (f[i] < low[b]) low[b] = f[i];
    if (f[i] > high[b]) high[b] = f[i];
  }
  return binnedMoments(bin, slices, x, w)
    .map((m, b) => ({ slice: b, low: low[b], high: high[b], ...m }))
    .filter((r) => Number.isFinite(r.low) && Number.isFinite(r.mean));
}
