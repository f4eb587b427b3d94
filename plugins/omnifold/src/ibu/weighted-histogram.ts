import { binIndex } from '@hepuq/core';
import { ibuError } from './ibu-error.js';

/** A numeric column as stored (float32) or derived (float64). */
export type NumericColumn = Float32Array | Float64Array | ArrayLike<number>;

/** Bin contents of a weighted histogram: sum of weights and of squared weights per bin (Float64). */
export interface WeightedCounts {
  sumW: Float64Array;
  sumW2: Float64Array;
}

/**
 * Check histogram edges: at least two, finite, strictly increasing. Errors name the array and index.
 * @example checkEdges([0, 1, 2], 'genEdges')
 */
export function checkEdges(edges: ArrayLike<number>, name = 'edges'): void {
  if (edges.length < 2) throw ibuError('InvalidArgument', `${name} has ${edges.length} entries: a histogram needs at least two edges (one bin)`);
  for (let k = 0; k < edges.length; k++) {
    if (!Number.isFinite(edges[k])) throw ibuError('NonFiniteValue', `${name}[${k}] is ${edges[k]}`, 'Bin edges must be finite numbers.');
    if (k > 0 && !(edges[k] > edges[k - 1])) throw ibuError('InvalidArgument', `${name}[${k}] = ${edges[k]} does not exceed ${name}[${k - 1}] = ${edges[k - 1]}: edges must increase strictly`);
  }
}

/**
 * Weighted histogram on arbitrary edges: sumW[b] = sum of w over events in bin b, sumW2[b] = sum of
 * w^2 (the Poisson variance of a weighted count — Bohm & Zech, NIM A748 (2014) 1). Events with
 * `mask[k] = 0` or outside the edges are skipped; `weights` absent means 1. Skipped events may hold
 * anything; a NaN/Inf value or weight of a counted event is a `NonFiniteValue` naming the event.
 * @example weightedHistogram(Float32Array.of(0.5, 1.5, 1.7), undefined, [0, 1, 2]).sumW // Float64Array [1, 2]
 */
export function weightedHistogram(values: NumericColumn, weights: NumericColumn | undefined, edges: ArrayLike<number>, mask?: Uint8Array, name = 'values'): WeightedCounts {
  checkEdges(edges);
  const nBins = edges.length - 1;
  const sumW = new Float64Array(nBins);
  const sumW2 = new Float64Array(nBins);
  for (let k = 0; k < values.length; k++) {
    if (mask && !mask[k]) continue;
    const x = values[k];
    if (!Number.isFinite(x)) throw ibuError('NonFiniteValue', `${name}[${k}] is ${x}`, 'Remove or fix the event; hepuq never drops NaN/Inf silently.');
    const b = binIndex(x, edges);
    if (b < 0) continue;
    const w = weights ? weights[k] : 1;
    if (!Number.isFinite(w)) throw ibuError('NonFiniteValue', `weight of ${name}[${k}] is ${w}`, 'Remove or fix the event; hepuq never drops NaN/Inf silently.');
    sumW[b] += w;
    sumW2[b] += w * w;
  }
  return { sumW, sumW2 };
}
