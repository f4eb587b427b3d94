/** Weighted mean and standard deviation. */
export interface Moments {
  mean: number;
  std: number;
}

/**
 * Weighted mean and standard deviation of `values` over the rows where `mask` is 1, each row
 * weighted by `base[i] * factor[i]` (the simulation's weight times an unfolded weight).
 * @example weightedMoments(sim.gen.x, sim.weights, result.iterations.at(-1), sim.passGen)
 */
export function weightedMoments(values: ArrayLike<number>, base: ArrayLike<number>, factor: ArrayLike<number> | undefined, mask: ArrayLike<number>): Moments {
  let sw = 0;
  let sx = 0;
  for (let i = 0; i < values.length; i++) {
    if (!mask[i]) continue;
    const w = base[i] * (factor ? factor[i] : 1);
    sw += w;
    sx += w * values[i];
  }
  const mean = sx / sw;
  let sv = 0;
  for (let i = 0; i < values.length; i++) {
    if (!mask[i]) continue;
    sv += base[i] * (factor ? factor[i] : 1) * (values[i] - mean) ** 2;
  }
  return { mean, std: Math.sqrt(Math.max(sv / sw, 0)) };
}

/** Mean and standard deviation of a binned distribution (counts at the bin centres). */
export function binnedMoments(counts: ArrayLike<number>, edges: readonly number[]): Moments {
  let s = 0;
  let sx = 0;
  for (let b = 0; b < counts.length; b++) {
    s += counts[b];
    sx += counts[b] * (edges[b] + edges[b + 1]) / 2;
  }
  const mean = sx / s;
  let sv = 0;
  for (let b = 0; b < counts.length; b++) sv += counts[b] * ((edges[b] + edges[b + 1]) / 2 - mean) ** 2;
  return { mean, std: Math.sqrt(sv / s) };
}
