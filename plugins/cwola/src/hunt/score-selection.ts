/**
 * The score threshold keeping the fraction `efficiency` of the weight of the events `rows` (those
 * with the highest scores): events with score >= threshold pass. Ties at the threshold all pass,
 * so the kept fraction can exceed `efficiency` by the tied weight.
 * @example scoreThreshold(scores, weights, windowRows, 0.01)
 */
export function scoreThreshold(scores: Float32Array, weights: Float32Array, rows: number[], efficiency: number): number {
  const order = [...rows].sort((a, b) => scores[b] - scores[a]);
  let total = 0;
  for (const i of rows) total += weights[i];
  const target = efficiency * total;
  let kept = 0;
  for (const i of order) {
    kept += weights[i];
    if (kept >= target) return scores[i];
  }
  return order.length > 0 ? scores[order[order.length - 1]] : Infinity;
}

/** Weighted counts per bin of the events with score >= `threshold` (all events with -Infinity). */
export function selectedCounts(bin: Int32Array, weights: Float32Array, scores: Float32Array, threshold: number, nBins: number): number[] {
  const counts = new Array<number>(nBins).fill(0);
  for (let i = 0; i < bin.length; i++) if (scores[i] >= threshold) counts[bin[i]] += weights[i];
  return counts;
}
