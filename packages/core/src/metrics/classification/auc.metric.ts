import { Rng } from '../../random/rng.js';
import { poissonBootstrapStd } from '../../stats/bootstrap/poisson-bootstrap.js';
import { argsortFloat32 } from '../../stats/sort/argsort.js';
import type { Metric, MetricInput, MetricOutput } from '../metric.js';
import { classificationArrays } from '../metric-input.js';
import { BootstrapOptions } from './bootstrap-options.js';

export const AUC = 'auc';

/** Events in ascending score order, with the start of each group of tied scores flagged. */
export interface RankedEvents {
  w: Float64Array;
  positive: Uint8Array;
  groupStart: Uint8Array;
  score: Float32Array;
}

/** Sort once (radix, O(N)); bootstrap replicas then re-use the order. */
export function rankEvents(prob: Float32Array, label: Float32Array, w: Float32Array): RankedEvents {
  const idx = argsortFloat32(prob);
  const n = idx.length;
  const out: RankedEvents = {
    w: new Float64Array(n), positive: new Uint8Array(n), groupStart: new Uint8Array(n), score: new Float32Array(n),
  };
  for (let j = 0; j < n; j++) {
    const i = idx[j];
    out.w[j] = w[i];
    out.positive[j] = label[i] === 1 ? 1 : 0;
    out.score[j] = prob[i];
    out.groupStart[j] = j === 0 || prob[i] !== out.score[j - 1] ? 1 : 0;
  }
  return out;
}

/**
 * Weighted AUC = sum_{i pos, j neg} w_i w_j (1[s_i > s_j] + 0.5 1[s_i = s_j]) / (W+ W-) in one pass
 * over the ranked events (Mann-Whitney form; Hand & Till, Mach. Learn. 45 (2001) 171). `k` are
 * optional bootstrap multiplicities.
 */
export function aucFromRanked(r: RankedEvents, k?: Uint8Array): number {
  const n = r.w.length;
  let negBelow = 0;
  let gPos = 0;
  let gNeg = 0;
  let area = 0;
  let totPos = 0;
  for (let j = 0; j <= n; j++) {
    if (j === n || r.groupStart[j] === 1) {
      area += gPos * (negBelow + 0.5 * gNeg);
      negBelow += gNeg;
      totPos += gPos;
      gPos = 0;
      gNeg = 0;
      if (j === n) break;
    }
    const wj = k ? r.w[j] * k[j] : r.w[j];
    if (r.positive[j] === 1) gPos += wj;
    else gNeg += wj;
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
  let groups = 0;
  for (let j = 0; j < r.w.length; j++) {
    if (r.positive[j] === 1) totPos += r.w[j];
    else totNeg += r.w[j];
    groups += r.groupStart[j];
  }
  const stride = Math.max(1, Math.ceil(groups / (maxPoints - 1)));
  const fpr = [0];
  const tpr = [0];
  const threshold = [Infinity];
  let tp = 0;
  let fp = 0;
  let g = 0;
  for (let j = r.w.length - 1; j >= 0; j--) {
    if (r.positive[j] === 1) tp += r.w[j];
    else fp += r.w[j];
    if (r.groupStart[j] === 1) {
      g++;
      if (g % stride === 0 || g === groups) {
        fpr.push(fp / totNeg);
        tpr.push(tp / totPos);
        threshold.push(r.score[j]);
      }
    }
  }
  return { fpr, tpr, threshold };
}

/** The AUC metric with a Poisson-bootstrap error (`bootstrap` replicas, fixed `seed`). */
export function createAucMetric(options: BootstrapOptions = {}): Metric {
  const opts = BootstrapOptions.parse(options);
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
      const error = poissonBootstrapStd(ranked.w.length, opts.bootstrap, new Rng(opts.seed), (k) => aucFromRanked(ranked, k));
      return {
        values: { auc: Number.isNaN(error) ? { value } : { value, error } },
        plots: { roc: rocCurve(ranked) },
      };
    },
  };
}

export const aucMetric: Metric = createAucMetric();
