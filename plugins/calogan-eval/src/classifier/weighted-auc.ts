/** AUC with its Hanley-McNeil standard error. */
export interface AucValue {
  value: number;
  error: number;
}

/**
 * Weighted ROC AUC = P(score_pos > score_neg) + 1/2 P(tie), the weighted Mann-Whitney statistic
 * (events sorted by score, tied groups counted half), with the Hanley & McNeil (Radiology 143, 1982)
 * standard error evaluated at the Kish effective class sizes:
 * SE^2 = [A(1-A) + (n1-1)(Q1-A^2) + (n2-1)(Q2-A^2)]/(n1 n2), Q1 = A/(2-A), Q2 = 2A^2/(1+A).
 * At A = 1/2 this is the exact null variance (n1 + n2 + 1)/(12 n1 n2) of the Mann-Whitney U / (n1 n2).
 * @example weightedAuc(new Float64Array([0.9, 0.2]), new Uint8Array([1, 0])).value // 1
 */
export function weightedAuc(scores: ArrayLike<number>, labels: ArrayLike<number>, weights?: ArrayLike<number>): AucValue {
  const n = scores.length;
  const idx = Int32Array.from({ length: n }, (_, i) => i).sort((a, b) => scores[a] - scores[b]);
  let negBelow = 0, wPos = 0, wNeg = 0, w2Pos = 0, w2Neg = 0, u = 0;
  for (let r = 0; r < n; ) {
    let s = r;
    let tiePos = 0, tieNeg = 0;
    while (s < n && scores[idx[s]] === scores[idx[r]]) {
      const i = idx[s];
      const w = weights ? weights[i] : 1;
      if (labels[i] > 0.5) {
        tiePos += w;
        w2Pos += w * w;
      } else {
        tieNeg += w;
        w2Neg += w * w;
      }
      s++;
    }
    u += tiePos * (negBelow + tieNeg / 2);
    negBelow += tieNeg;
    wPos += tiePos;
    wNeg += tieNeg;
    r = s;
  }
  wNeg = negBelow;
  const a = u / (wPos * wNeg);
  const n1 = (wPos * wPos) / w2Pos;
  const n2 = (wNeg * wNeg) / w2Neg;
  const q1 = a / (2 - a);
  const q2 = (2 * a * a) / (1 + a);
  const v = (a * (1 - a) + (n1 - 1) * (q1 - a * a) + (n2 - 1) * (q2 - a * a)) / (n1 * n2);
  return { value: a, error: Math.sqrt(Math.max(0, v)) };
}
