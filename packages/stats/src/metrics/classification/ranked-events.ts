import { argsortFloat32 } from '../../sort/argsort.js';

/**
 * Events in ascending score order: weights split by class (w or 0), and the offsets of the groups of
 * tied scores (`groups[g]..groups[g+1]`).
 */
export interface RankedEvents {
  wPos: Float64Array;
  wNeg: Float64Array;
  /** G + 1 offsets; G = number of distinct scores. */
  groups: Uint32Array;
  score: Float32Array;
}

/** Sort once (radix, O(N)); bootstrap replicas then re-use the order. */
export function rankEvents(prob: Float32Array, label: Float32Array, w: Float32Array): RankedEvents {
  const idx = argsortFloat32(prob);
  const n = idx.length;
  const wPos = new Float64Array(n);
  const wNeg = new Float64Array(n);
  const score = new Float32Array(n);
  const starts = new Uint32Array(n + 1);
  let g = 0;
  for (let j = 0; j < n; j++) {
    const i = idx[j];
    if (label[i] === 1) wPos[j] = w[i];
    else wNeg[j] = w[i];
    score[j] = prob[i];
    if (j === 0 || score[j] !== score[j - 1]) starts[g++] = j;
  }
  starts[g] = n;
  return { wPos, wNeg, groups: starts.slice(0, g + 1), score };
}

/**
 * Weighted AUC = sum_{i pos, j neg} w_i w_j (1[s_i > s_j] + 0.5 1[s_i = s_j]) / (W+ W-) in one pass
 * over the ranked events (Mann-Whitney form; Hand & Till, Mach. Learn. 45 (2001) 171). `k` are
 * optional bootstrap multiplicities (in rank order).
 */
export function aucFromRanked(r: RankedEvents, k?: Uint8Array): number {
  // unit multiplicities rather than a `k ? k[j] : 1` in the loop, which made it 2.5x slower
  return rankedArea(r, k ?? new Uint8Array(r.wPos.length).fill(1));
}

function rankedArea({ wPos, wNeg, groups }: RankedEvents, k: Uint8Array): number {
  let negBelow = 0;
  let area = 0;
  let totPos = 0;
  const nGroups = groups.length - 1;
  for (let g = 0; g < nGroups; g++) {
    const start = groups[g];
    const end = groups[g + 1];
    let p: number;
    let q: number;
    // most groups hold one event, taken without the inner loop; w m equals 0 + w m but for the sign of
    // a zero, which the sums below (starting at +0) drop, so both paths give the same bits
    if (end === start + 1) {
      p = wPos[start] * k[start];
      q = wNeg[start] * k[start];
    } else {
      p = 0;
      q = 0;
      for (let j = start; j < end; j++) {
        p += wPos[j] * k[j];
        q += wNeg[j] * k[j];
      }
    }
    area += p * (negBelow + 0.5 * q);
    negBelow += q;
    totPos += p;
  }
  return area / (totPos * negBelow);
}

/**
 * ROC curve (FPR, TPR) at distinct thresholds, from the highest score down, thinned to at most
 * `maxPoints` (every k-th threshold plus the last, so the curve keeps its end points).
 */
export function rocCurve(r: RankedEvents, maxPoints = 201): { fpr: number[]; tpr: number[]; threshold: number[] } {
  let totPos = 0;
  let totNeg = 0;
  for (let j = 0; j < r.wPos.length; j++) {
    totPos += r.wPos[j];
    totNeg += r.wNeg[j];
  }
  const nGroups = r.groups.length - 1;
  const stride = Math.max(1, Math.ceil(nGroups / (maxPoints - 1)));
  const fpr = [0];
  const tpr = [0];
  const threshold = [Infinity];
  let tp = 0;
  let fp = 0;
  for (let g = nGroups - 1, done = 1; g >= 0; g--, done++) {
    for (let j = r.groups[g]; j < r.groups[g + 1]; j++) {
      tp += r.wPos[j];
      fp += r.wNeg[j];
    }
    if (done % stride === 0 || g === 0) {
      fpr.push(fp / totNeg);
      tpr.push(tp / totPos);
      threshold.push(r.score[r.groups[g]]);
    }
  }
  return { fpr, tpr, threshold };
}
