import { rankEvents, rocCurve as coreRocCurve } from '@hepuq/stats';
import { type PlotSpec } from '@hepuq/core';
import { eventWeights, float32Column } from './columns.js';
import { MAX_PLOT_POINTS, strideIndices, trim } from './plot-data.js';
import { layered, unitSquareLayers } from './vega-lite-helpers.js';

export interface RocInput {
  prob: ArrayLike<number>;
  label: ArrayLike<number>;
  weights?: ArrayLike<number>;
  maxPoints?: number;
  name?: string;
  title?: string;
}

/**
 * Weighted ROC curve at every distinct score, from the highest down (tied scores stepped together):
 * FPR = Σ_{label 0, s ≥ c} w / Σ_{label 0} w and TPR likewise (Fawcett 2006, Pattern Recognit. Lett. 27, 861),
 * from core's `rankEvents` and `rocCurve` (the `auc` metric's curve, here not thinned).
 * @example const { fpr, tpr } = rocCurve({ prob: pred.prob, label: test.label! })
 */
export function rocCurve(input: RocInput): { fpr: Float64Array; tpr: Float64Array } {
  const prob = float32Column(input.prob);
  const ranked = rankEvents(prob, float32Column(input.label), eventWeights(prob.length, input.weights));
  const { fpr, tpr } = coreRocCurve(ranked, Infinity);
  return { fpr: Float64Array.from(fpr), tpr: Float64Array.from(tpr) };
}

/**
 * ROC curve (signal efficiency vs background efficiency) with the random-classifier diagonal.
 * @example rocCurvePlot({ prob: pred.prob, label: test.label! })
 */
export function rocCurvePlot(input: RocInput): PlotSpec {
  const { fpr, tpr } = rocCurve(input);
  const rows = Array.from(strideIndices(fpr.length, input.maxPoints ?? MAX_PLOT_POINTS), (k) => ({ f: trim(fpr[k]), t: trim(tpr[k]) }));
  return {
    name: input.name ?? 'roc-curve',
    title: input.title ?? 'ROC curve',
    spec: layered(unitSquareLayers({
      rows, x: 'f', y: 't', xTitle: 'false positive rate (background efficiency)', yTitle: 'true positive rate (signal efficiency)',
      reference: 'random guess', mark: { type: 'line', strokeWidth: 2 },
    })),
  };
}
