import { aucFromRanked, rankEvents, resolveWeights, weightSummary } from '@hepuq/stats';

/** AUC with its Hanley-McNeil standard error. */
export interface AucValue {
  value: number;
  error: number;
}

const float32 = (v: ArrayLike<number>) => (v instanceof Float32Array ? v : Float32Array.from(v));

/**
 * Weighted ROC AUC = P(score_pos > score_neg) + 1/2 P(tie), the weighted Mann-Whitney statistic of
 * core's `auc` metric (`rankEvents` + `aucFromRanked`: float32 scores, labels 0/1), with the
 * Hanley & McNeil (Radiology 143, 1982) standard error evaluated at the Kish effective class sizes:
 * SE^2 = [A(1-A) + (n1-1)(Q1-A^2) + (n2-1)(Q2-A^2)]/(n1 n2), Q1 = A/(2-A), Q2 = 2A^2/(1+A).
 * At A = 1/2 this is the exact null variance (n1 + n2 + 1)/(12 n1 n2) of the Mann-Whitney U / (n1 n2).
 * @example weightedAuc(new Float64Array([0.9, 0.2]), new Uint8Array([1, 0])).value // 1
 */
export function weightedAuc(scores: ArrayLike<number>, labels: ArrayLike<number>, weights?: ArrayLike<number>): AucValue {
  const ranked = rankEvents(float32(scores), float32(labels), resolveWeights(scores.length, weights && float32(weights)));
  const a = aucFromRanked(ranked);
  const n1 = weightSummary(ranked.wPos).neff;
  const n2 = weightSummary(ranked.wNeg).neff;
  const q1 = a / (2 - a);
  const q2 = (2 * a * a) / (1 + a);
  const v = (a * (1 - a) + (n1 - 1) * (q1 - a * a) + (n2 - 1) * (q2 - a * a)) / (n1 * n2);
  return { value: a, error: Math.sqrt(Math.max(0, v)) };
}
