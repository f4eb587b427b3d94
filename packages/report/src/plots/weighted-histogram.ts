/** Bin contents of a weighted histogram: sum of weights and sum of squared weights per bin. */
export interface WeightedHistogram {
  edges: Float64Array;
  sumW: Float64Array;
  sumW2: Float64Array;
  /** Total weight of all entries, including those outside the edges. */
  totalW: number;
  totalW2: number;
}

/** `nBins + 1` equally spaced edges from `lo` to `hi`. */
export function uniformEdges(lo: number, hi: number, nBins: number): Float64Array {
  return Float64Array.from({ length: nBins + 1 }, (_, i) => lo + ((hi - lo) * i) / nBins);
}

/**
 * Fill a weighted histogram on uniform edges; the error of bin b is sqrt(sumW2[b]) (Poisson
 * statistics of weighted events, e.g. Bohm & Zech, Statistics of weighted Poisson events, 2014).
 */
export function weightedHistogram(values: ArrayLike<number>, weights: ArrayLike<number> | undefined, edges: Float64Array): WeightedHistogram {
  const nBins = edges.length - 1;
  const lo = edges[0];
  const width = (edges[nBins] - lo) / nBins;
  const sumW = new Float64Array(nBins);
  const sumW2 = new Float64Array(nBins);
  let totalW = 0;
  let totalW2 = 0;
  for (let i = 0; i < values.length; i++) {
    const w = weights ? weights[i] : 1;
    totalW += w;
    totalW2 += w * w;
    const b = Math.floor((values[i] - lo) / width);
    if (b < 0 || b >= nBins || !Number.isFinite(values[i])) continue;
    sumW[b] += w;
    sumW2[b] += w * w;
  }
  return { edges, sumW, sumW2, totalW, totalW2 };
}

/** Kish effective sample size n_eff = (sum w)^2 / sum w^2 (Kish 1965, Survey Sampling). */
export function effectiveSampleSize(sumW: number, sumW2: number): number {
  return sumW2 > 0 ? (sumW * sumW) / sumW2 : 0;
}
