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

/** How a ROC curve is drawn: names, axis and legend labels, and the point budget. */
export interface RocSpecOptions {
  name?: string;
  title?: string;
  /** A Vega-Lite title object or text shown above the plot (e.g. the AUC with its error). */
  plotTitle?: string | Record<string, unknown>;
  xTitle?: string;
  yTitle?: string;
  /** Legend label of the curve and of the diagonal. */
  label?: string;
  reference?: string;
  maxPoints?: number;
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
 * A ROC curve given as false- and true-positive rates, with the diagonal of a random classifier
 * (strided to `maxPoints`).
 * @example rocSpec(rocCurve({ prob, label }), { title: 'ROC curve' })
 */
export function rocSpec(curve: { fpr: ArrayLike<number>; tpr: ArrayLike<number> }, options: RocSpecOptions = {}): PlotSpec {
  const rows = Array.from(strideIndices(curve.fpr.length, options.maxPoints ?? MAX_PLOT_POINTS), (k) => ({ f: trim(curve.fpr[k]), t: trim(curve.tpr[k]) }));
  return {
    name: options.name ?? 'roc-curve',
    title: options.title ?? 'ROC curve',
    spec: layered(unitSquareLayers({
      series: [{ label: options.label ?? 'model', rows }], x: 'f', y: 't',
      xTitle: options.xTitle ?? 'false positive rate (background efficiency)', yTitle: options.yTitle ?? 'true positive rate (signal efficiency)',
      reference: options.reference ?? 'random guess', mark: { type: 'line', strokeWidth: 2 },
    }), options.plotTitle === undefined ? {} : { title: options.plotTitle }),
  };
}

/**
 * ROC curve (signal efficiency vs background efficiency) with the random-classifier diagonal.
 * @example rocCurvePlot({ prob: pred.prob, label: test.label! })
 */
export function rocCurvePlot(input: RocInput): PlotSpec {
  return rocSpec(rocCurve(input), { name: input.name, title: input.title, maxPoints: input.maxPoints });
}
