import { binIndex, dataRow, HepuqError } from '@hepuq/core';
import { weightedMedian, weightedQuantiles } from '../weighted/weighted-quantile.js';
import type { ClosureOptions } from './closure-options.js';

/** One bin of the true y: its edges, events, mean true y, and the mean and median residual with errors. */
export type ClosureRow = {
  low: number;
  high: number;
  /** Events in the bin. */
  n: number;
  /** Kish effective events. */
  neff: number;
  /** Weighted mean of the true y in the bin (where to draw it). */
  y_mean: number;
  mean: number;
  /** Standard error of the weighted mean: Kish-Bessel std / sqrt(Neff). */
  mean_error: number;
  median: number;
  /** 1 / (2 f(m) sqrt(Neff)), the density at the median from the quantiles around it (`weightedMedian`). */
  median_error: number;
};

/** The closure of a prediction: its bins of the true y and the residual over all events. */
export interface ClosureTable {
  edges: number[];
  rows: ClosureRow[];
  /** Every event in the bins together. */
  overall: ClosureRow;
}

/**
 * The residual per event: (prediction - y) / y or prediction - y. A relative residual needs y > 0
 * (`InvalidArgument` naming the row otherwise). `where` names the caller in errors.
 */
export function closureResiduals(prediction: ArrayLike<number>, truth: ArrayLike<number>, residual: ClosureOptions['residual'], where: string): Float64Array {
  const r = new Float64Array(truth.length);
  for (let i = 0; i < truth.length; i++) {
    const y = truth[i];
    if (residual === 'relative' && !(y > 0)) {
      throw new HepuqError('InvalidArgument', `${where}: the true value is ${y} at ${dataRow(i)}, and the relative residual (prediction - y) / y needs y > 0`, {
        hint: 'Use `residual: absolute` (prediction - y) for a target that can be zero or negative, or select the events with y > 0.',
      });
    }
    r[i] = residual === 'relative' ? (prediction[i] - y) / y : prediction[i] - y;
  }
  return r;
}

/** Bin edges of the true y: the given edges, or a count split by weight quantiles or equally in width (repeated edges merged). */
export function closureEdges(truth: Float32Array, weights: Float32Array, options: Pick<ClosureOptions, 'bins' | 'binning'>): number[] {
  if (Array.isArray(options.bins)) return [...options.bins];
  const count = options.bins;
  let lo = Infinity;
  let hi = -Infinity;
  for (const y of truth) {
    if (y < lo) lo = y;
    if (y > hi) hi = y;
  }
  const inner = options.binning === 'linear'
    ? Array.from({ length: count - 1 }, (_, k) => lo + ((k + 1) * (hi - lo)) / count)
    : weightedQuantiles(truth, weights, Array.from({ length: count - 1 }, (_, k) => (k + 1) / count));
  const edges = [lo, ...inner, hi];
  return edges.filter((e, k) => k === 0 || e > edges[k - 1]);
}

/** The row of the events `members` (indices) between `low` and `high`. */
function closureRow(low: number, high: number, members: number[], truth: Float32Array, r: Float64Array, w: Float32Array): ClosureRow {
  const rs = Float64Array.from(members, (i) => r[i]);
  const ws = Float64Array.from(members, (i) => w[i]);
  let sw = 0;
  let sw2 = 0;
  let sy = 0;
  let sr = 0;
  for (let k = 0; k < members.length; k++) {
    sw += ws[k];
    sw2 += ws[k] * ws[k];
    sy += ws[k] * truth[members[k]];
    sr += ws[k] * rs[k];
  }
  const neff = sw2 > 0 ? (sw * sw) / sw2 : 0;
  const mean = sr / sw;
  let m2 = 0;
  for (let k = 0; k < rs.length; k++) m2 += ws[k] * (rs[k] - mean) ** 2;
  const ok = sw > 0 && neff > 1;
  const variance = ok ? ((m2 / sw) * neff) / (neff - 1) : Number.NaN;
  const med = ok ? weightedMedian(rs, ws) : { value: Number.NaN, error: Number.NaN };
  return {
    low, high, n: members.length, neff, y_mean: ok ? sy / sw : Number.NaN,
    mean: ok ? mean : Number.NaN, mean_error: Math.sqrt(variance / neff), median: med.value, median_error: med.error,
  };
}

/**
 * The closure table: in bins of the true y, the weighted mean and median of the residuals `r` with
 * their errors, and the same over every event inside the edges.
 * @example closureTable(truth, closureResiduals(mean, truth, 'relative', 'closure'), weights, [20, 50, 100, 200]).rows[0].median
 */
export function closureTable(truth: Float32Array, r: Float64Array, weights: Float32Array, edges: readonly number[]): ClosureTable {
  const members: number[][] = Array.from({ length: edges.length - 1 }, () => []);
  const inside: number[] = [];
  for (let i = 0; i < truth.length; i++) {
    const b = binIndex(truth[i], edges);
    if (b < 0) continue;
    members[b].push(i);
    inside.push(i);
  }
  return {
    edges: [...edges],
    rows: members.map((m, b) => closureRow(edges[b], edges[b + 1], m, truth, r, weights)),
    overall: closureRow(edges[0], edges[edges.length - 1], inside, truth, r, weights),
  };
}
