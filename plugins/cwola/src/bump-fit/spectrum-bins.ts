import { dataRow } from '@hepuq/core';
import { bumpFitError } from './bump-fit-error.js';

/** A binned mass spectrum: bin edges in GeV and the count of each bin, in any order. */
export interface SpectrumBins {
  low: Float64Array | number[];
  high: Float64Array | number[];
  counts: Float64Array | number[];
}

/** A checked spectrum sorted by mass: bin i of every array is the i-th bin from the lowest mass. */
export interface SortedSpectrum {
  low: Float64Array;
  high: Float64Array;
  counts: Float64Array;
  /** Bin centres (low + high)/2 in GeV, where the dijet function is evaluated. */
  centres: Float64Array;
  /** x = centre/sqrt(s), each in (0, 1). */
  x: Float64Array;
  /** The input row of each sorted bin. */
  rows: Int32Array;
}

/** Relative tolerance on high_i == low_(i+1) for neighbouring bins. */
export const EDGE_TOLERANCE = 1e-9;

/**
 * Check each bin on its own: equal lengths, at least one bin, finite edges and counts, low < high,
 * counts >= 0. Errors name `source` and the input row (1-based).
 * @example checkSpectrumRows(bins, 'counts.csv') // 30
 */
export function checkSpectrumRows(bins: SpectrumBins, source: string): number {
  const n = bins.counts.length;
  if (bins.low.length !== n || bins.high.length !== n) {
    throw bumpFitError('ShapeMismatch', `${source}: low, high and counts have ${bins.low.length}, ${bins.high.length} and ${n} entries`, 'Give one low edge, one high edge and one count per bin.');
  }
  if (n === 0) throw bumpFitError('EmptyDataset', `${source}: no bins`, 'Provide a binned mass spectrum: one row low,high,count per bin.');
  for (let i = 0; i < n; i++) {
    for (const [name, v] of [['low', bins.low[i]], ['high', bins.high[i]], ['count', bins.counts[i]]] as const) {
      if (!Number.isFinite(v)) throw bumpFitError('NonFiniteValue', `${source}: ${name} of ${dataRow(i)} is ${v}`);
    }
    if (!(bins.low[i] < bins.high[i])) throw bumpFitError('InvalidArgument', `${source}: ${dataRow(i)} has low ${bins.low[i]} >= high ${bins.high[i]}`, 'Each bin needs low < high (GeV).');
    if (bins.counts[i] < 0) throw bumpFitError('InvalidArgument', `${source}: count of ${dataRow(i)} is ${bins.counts[i]} < 0`, 'Counts are event numbers (or sums of non-negative weights).');
  }
  return n;
}

/**
 * Check a spectrum and sort it by mass (`low`), so that bin indices, such as the signal region's,
 * always count from the lowest mass whatever the input order. The bins must tile the mass range:
 * high_i == low_(i+1) within 1e-9 relative (no gap, no overlap), and every centre lies in (0, sqrt(s)).
 * @example const s = sortSpectrum({ low: [2100, 2000], high: [2200, 2100], counts: [5, 9] }, 13000) // s.counts = [9, 5]
 */
export function sortSpectrum(bins: SpectrumBins, sqrtS: number, source = 'spectrum'): SortedSpectrum {
  const n = checkSpectrumRows(bins, source);
  const rows = Int32Array.from({ length: n }, (_, i) => i).sort((a, b) => bins.low[a] - bins.low[b] || a - b);
  const pick = (v: ArrayLike<number>) => Float64Array.from(rows, (r) => v[r]);
  const low = pick(bins.low);
  const high = pick(bins.high);
  const counts = pick(bins.counts);
  for (let i = 0; i + 1 < n; i++) {
    const gap = low[i + 1] - high[i];
    if (Math.abs(gap) > EDGE_TOLERANCE * Math.max(Math.abs(high[i]), Math.abs(low[i + 1]))) {
      throw bumpFitError('InvalidArgument', `${source}: the bin ${dataRow(rows[i])} [${low[i]}, ${high[i]}] and the next bin up, ${dataRow(rows[i + 1])} [${low[i + 1]}, ${high[i + 1]}], ${gap > 0 ? 'leave a gap' : 'overlap'}`,
        'The bins must be contiguous and non-overlapping: each high edge equals the next low edge.');
    }
  }
  const centres = Float64Array.from(low, (l, i) => 0.5 * (l + high[i]));
  const x = centres.map((m) => m / sqrtS);
  if (!(x[0] > 0 && x[n - 1] < 1)) {
    throw bumpFitError('InvalidArgument', `${source}: bin centres ${centres[0]}..${centres[n - 1]} GeV are not all in (0, sqrt(s) = ${sqrtS} GeV)`, 'Give masses in GeV and sqrt(s) in GeV (--sqrt-s 13000).');
  }
  return { low, high, counts, centres, x, rows };
}
