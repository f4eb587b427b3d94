import { binIndex } from '@hepuq/core';

/**
 * A weighted histogram normalised to unit area over its range: sum of weights in each bin over the
 * total weight inside [edges[0], edges[n]) and the bin width. Rows where `mask` is 0 are skipped;
 * each row weighs `base[i] * factor[i]`.
 * @example densityHistogram(sim.gen.x, edges, sim.weights, finalWeights, sim.passGen)
 */
export function densityHistogram(values: ArrayLike<number>, edges: readonly number[], base: ArrayLike<number>, factor: ArrayLike<number> | undefined, mask: ArrayLike<number>): number[] {
  const counts = new Float64Array(edges.length - 1);
  for (let i = 0; i < values.length; i++) {
    if (!mask[i]) continue;
    const b = binIndex(values[i], edges);
    if (b >= 0) counts[b] += base[i] * (factor ? factor[i] : 1);
  }
  return normalise(Array.from(counts), edges);
}

/** Counts per bin divided by their sum and the bin widths (a density of unit area). */
export function normalise(counts: readonly number[], edges: readonly number[]): number[] {
  const total = counts.reduce((s, c) => s + c, 0);
  return counts.map((c, b) => (total > 0 ? c / total / (edges[b + 1] - edges[b]) : 0));
}
