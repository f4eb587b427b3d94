import { Rng, type Metric, type MetricInput, type MetricOutput, parseOrThrow } from '@hepuq/core';
import { poissonBootstrapStd } from '../../bootstrap/poisson-bootstrap.js';
import { argsortFloat32 } from '../../sort/argsort.js';
import { classificationArrays } from '../metric-input.js';
import { BootstrapOptions } from './bootstrap-options.js';

export const AUC = 'auc';

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
 * optional bootstrap multiplicities. Without ties the pass is branch-free.
 */
export function aucFromRanked(r: RankedEvents, k?: Uint8Array): number {
  const n = r.wPos.length;
  const { wPos, wNeg, groups } = r;
  let negBelow = 0;
  let area = 0;
  let totPos = 0;
  if (groups.length === n + 1) {
    for (let j = 0; j < n; j++) {
      const m = k ? k[j] : 1;
      const p = wPos[j] * m;
      const q = wNeg[j] * m;
      area += p * (negBelow + 0.5 * q);
      negBelow += q;
      totPos += p;
    }
  } else {
    for (let g = 0; g + 1 < groups.length; g++) {
      let p = 0;
      let q = 0;
      for (let j = groups[g]; j < groups[g + 1]; j++) {
        const m = k ? k[j] : 1;
        p += wPos[j] * m;
        q += wNeg[j] * m;
      }
      area += p * (negBelow + 0.5 * q);
      negBelow += q;
      totPos += p;
    }
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

/** The AUC metric with a Poisson-bootstrap error (`bootstrap` replicas, fixed `seed`). */
export function createAucMetric(options: BootstrapOptions = {}): Metric {
  const opts = parseOrThrow(BootstrapOptions, options, { code: 'InvalidArgument', where: 'auc metric options' });
  return {
    key: AUC,
    task: 'classification',
    description: 'Weighted area under the ROC curve, with a bootstrap error, and the ROC curve.',
    definition:
      'auc = sum_{i: y=1} sum_{j: y=0} w_i w_j (1[p_i > p_j] + 0.5 1[p_i = p_j]) / (W+ W-) (ties count half; Mann-Whitney form). '
      + `Error: std over ${opts.bootstrap} Poisson(1) bootstrap replicas (weights w k, k ~ Poisson(1), seed ${opts.seed}).`,
    valueNames: ['auc'],
    compute(input: MetricInput): MetricOutput {
      const { prob, label, w } = classificationArrays(AUC, input);
      const ranked = rankEvents(prob, label, w);
      const value = aucFromRanked(ranked);
      const error = poissonBootstrapStd(ranked.wPos.length, opts.bootstrap, new Rng(opts.seed), (k) => aucFromRanked(ranked, k));
      return {
        values: { auc: Number.isNaN(error) ? { value } : { value, error } },
        plots: { roc: rocCurve(ranked) },
      };
    },
  };
}

export const aucMetric: Metric = createAucMetric();
