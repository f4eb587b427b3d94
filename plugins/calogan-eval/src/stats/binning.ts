import { HepuqError } from '@hepuq/core';
import { PLUGIN_NAME } from '../plugin-meta.js';
import { weightedQuantiles } from './weighted-quantiles.js';

/**
 * How shared bins are chosen from the reference sample:
 * - `quantile`: `bins` equal-probability bins of the reference (edges at its weighted quantiles
 *   i/bins); the outer bins are open (-inf, q_1) and [q_{bins-1}, +inf), so tails of either sample land
 *   in them and every bin holds 1/bins of the reference — the default, robust to heavy tails.
 * - `freedman-diaconis`: equal-width bins of width h = 2 IQR_ref n_ref^-1/3 (Freedman & Diaconis 1981)
 *   spanning both samples' range (at most `maxBins`).
 */
export type BinningRule = 'quantile' | 'freedman-diaconis';
export const BINNING_RULES = ['quantile', 'freedman-diaconis'] as const;

/** Internal bin edges, ascending; bin b is [edges[b-1], edges[b]) with -inf/+inf outside. */
export interface Binning {
  rule: BinningRule;
  /** nBins - 1 internal edges for quantile bins, nBins + 1 edges for equal-width bins. */
  edges: Float64Array;
  nBins: number;
  /** Whether the outer bins extend to +-infinity. */
  open: boolean;
}

/**
 * Shared bins for one feature from the reference values (and the generated range for FD bins).
 * @example const b = binning('quantile', refColumn, undefined, genColumn, 20);
 */
export function binning(rule: BinningRule, reference: Float64Array, refWeights: Float64Array | undefined, generated: Float64Array, bins = 30, maxBins = 200): Binning {
  if (reference.length < 2) throw new HepuqError('EmptyDataset', `binning needs at least 2 reference values, got ${reference.length}`, { plugin: PLUGIN_NAME });
  if (rule === 'quantile') {
    const qs = Array.from({ length: bins - 1 }, (_, i) => (i + 1) / bins);
    const edges = Float64Array.from(new Set(weightedQuantiles(reference, refWeights, qs)));
    return { rule, edges, nBins: edges.length + 1, open: true };
  }
  const [q25, q75] = weightedQuantiles(reference, refWeights, [0.25, 0.75]);
  let lo = Infinity, hi = -Infinity;
  for (const v of reference) { lo = Math.min(lo, v); hi = Math.max(hi, v); }
  for (const v of generated) { lo = Math.min(lo, v); hi = Math.max(hi, v); }
  const h = (2 * (q75 - q25)) / Math.cbrt(reference.length);
  const nBins = h > 0 && hi > lo ? Math.min(maxBins, Math.max(1, Math.ceil((hi - lo) / h))) : 1;
  const width = hi > lo ? (hi - lo) / nBins : 1;
  const edges = Float64Array.from({ length: nBins + 1 }, (_, i) => lo + i * width);
  return { rule, edges, nBins, open: false };
}

/** Index of the bin holding x. */
export function binIndex(b: Binning, x: number): number {
  const e = b.edges;
  // first edge > x, by bisection
  let lo = 0, hi = e.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (e[mid] <= x) lo = mid + 1;
    else hi = mid;
  }
  if (b.open) return lo;
  return Math.min(b.nBins - 1, Math.max(0, lo - 1));
}

/** Sum of weights and of squared weights per bin. */
export function fillHistogram(b: Binning, values: Float64Array, weights?: Float64Array): { sumW: Float64Array; sumW2: Float64Array } {
  const sumW = new Float64Array(b.nBins);
  const sumW2 = new Float64Array(b.nBins);
  for (let i = 0; i < values.length; i++) {
    const w = weights ? weights[i] : 1;
    const k = binIndex(b, values[i]);
    sumW[k] += w;
    sumW2[k] += w * w;
  }
  return { sumW, sumW2 };
}
