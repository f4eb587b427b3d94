import type { Rng } from '@hepuq/core';
import { aucFromRanked, poissonBootstrapStd, rankEvents, type RankedEvents } from '@hepuq/stats';
import type { ThirdSampleQuantity } from './third-sample.options.js';

/** A quantity with its statistical error (Poisson bootstrap), and the threshold used for an efficiency. */
export interface MeasuredQuantity {
  value: number;
  error: number;
  threshold?: number;
}

/**
 * Score threshold t where the signal efficiency sum_{s, p >= t} w k / sum_s w k first reaches
 * `efficiency`, walking the ranked events from the highest score down (`k`: bootstrap multiplicities).
 */
export function thresholdAt(r: RankedEvents, efficiency: number, k?: Uint8Array): number {
  let total = 0;
  for (let j = 0; j < r.wPos.length; j++) total += r.wPos[j] * (k ? k[j] : 1);
  let acc = 0;
  for (let g = r.groups.length - 2; g >= 0; g--) {
    for (let j = r.groups[g]; j < r.groups[g + 1]; j++) acc += r.wPos[j] * (k ? k[j] : 1);
    if (acc >= efficiency * total) return r.score[r.groups[g]];
  }
  return r.score[0];
}

/** Background efficiency eps_b(t) = sum_{b, p >= t} w k / sum_b w k. */
export function backgroundEfficiency(r: RankedEvents, threshold: number, k?: Uint8Array): number {
  let pass = 0;
  let total = 0;
  for (let j = 0; j < r.wNeg.length; j++) {
    const w = r.wNeg[j] * (k ? k[j] : 1);
    total += w;
    if (r.score[j] >= threshold) pass += w;
  }
  return pass / total;
}

/**
 * The separation of classifier scores `prob` on one labelled sample, with a Poisson(1) bootstrap
 * error (Hanley & MacGibbon 2006): the weighted AUC (Mann-Whitney form), or the background
 * efficiency at the threshold `threshold` — when absent, the threshold giving `signalEfficiency`
 * on this sample, re-derived in every replica so its own fluctuation enters the error.
 * @example measureQuantity(prob, label, w, 'auc', { rng: new Rng(1), replicas: 100, signalEfficiency: 0.5 })
 */
export function measureQuantity(
  prob: Float32Array,
  label: Float32Array,
  weights: Float32Array,
  quantity: ThirdSampleQuantity,
  c: { rng: Rng; replicas: number; signalEfficiency: number; threshold?: number },
): MeasuredQuantity {
  const r = rankEvents(prob, label, weights);
  if (quantity === 'auc') {
    return { value: aucFromRanked(r), error: poissonBootstrapStd(r.wPos.length, c.replicas, c.rng, (k) => aucFromRanked(r, k)) };
  }
  const fixed = c.threshold;
  const at = (k?: Uint8Array) => backgroundEfficiency(r, fixed ?? thresholdAt(r, c.signalEfficiency, k), k);
  return { value: at(), error: poissonBootstrapStd(r.wPos.length, c.replicas, c.rng, at), threshold: fixed ?? thresholdAt(r, c.signalEfficiency) };
}
