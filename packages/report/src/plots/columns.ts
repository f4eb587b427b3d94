import { resolveWeights, type NumArray } from '@hepuq/stats';

/**
 * A column as float32, the precision core's metrics compute in, so a plot and metrics.json agree
 * to the last bit (no copy when it already is float32, as prediction and dataset columns are).
 */
export function float32Column(values: ArrayLike<number>): Float32Array {
  return values instanceof Float32Array ? values : Float32Array.from(values);
}

/** A column as a typed array without loss of precision (float64 unless it already is typed). */
export function numericColumn(values: ArrayLike<number>): NumArray {
  return values instanceof Float32Array || values instanceof Float64Array ? values : Float64Array.from(values);
}

/** Event weights as core's metrics resolve them: float32, unit weights when none are given. */
export function eventWeights(n: number, weights?: ArrayLike<number>): Float32Array {
  return resolveWeights(n, weights && float32Column(weights));
}
