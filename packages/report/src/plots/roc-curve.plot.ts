import type { PlotSpec } from '@hepuq/core';
import { MAX_PLOT_POINTS, strideIndices, trim } from './plot-data.js';
import { COLORS, diagonalLayer, layered, legendColor, quant } from './vega-lite-helpers.js';

export interface RocInput {
  prob: ArrayLike<number>;
  label: ArrayLike<number>;
  weights?: ArrayLike<number>;
  maxPoints?: number;
  name?: string;
  title?: string;
}

/**
 * Weighted ROC curve: for each threshold (tied scores stepped together) the false positive rate
 * FPR = Σ_{label 0, s ≥ c} w / Σ_{label 0} w and true positive rate likewise (Fawcett 2006, Pattern Recognit. Lett. 27, 861).
 */
export function rocCurve(input: RocInput): { fpr: Float64Array; tpr: Float64Array } {
  const n = input.prob.length;
  const order = Int32Array.from({ length: n }, (_, i) => i).sort((a, b) => input.prob[b] - input.prob[a]);
  let pos = 0;
  let neg = 0;
  for (let i = 0; i < n; i++) {
    const w = input.weights ? input.weights[i] : 1;
    if (input.label[i] > 0.5) pos += w;
    else neg += w;
  }
  const fpr = [0];
  const tpr = [0];
  let tp = 0;
  let fp = 0;
  for (let k = 0; k < n; k++) {
    const i = order[k];
    const w = input.weights ? input.weights[i] : 1;
    if (input.label[i] > 0.5) tp += w;
    else fp += w;
    if (k === n - 1 || input.prob[order[k + 1]] !== input.prob[i]) {
      fpr.push(neg > 0 ? fp / neg : 0);
      tpr.push(pos > 0 ? tp / pos : 0);
    }
  }
  return { fpr: Float64Array.from(fpr), tpr: Float64Array.from(tpr) };
}

/**
 * ROC curve (signal efficiency vs background efficiency) with the random-classifier diagonal.
 * @example rocCurvePlot({ prob: pred.prob, label: test.label! })
 */
export function rocCurvePlot(input: RocInput): PlotSpec {
  const { fpr, tpr } = rocCurve(input);
  const rows = Array.from(strideIndices(fpr.length, input.maxPoints ?? MAX_PLOT_POINTS), (k) => ({ f: trim(fpr[k]), t: trim(tpr[k]) }));
  const xTitle = 'false positive rate (background efficiency)';
  const yTitle = 'true positive rate (signal efficiency)';
  const domain = ['model', 'random guess'];
  const colors = [COLORS.blue, COLORS.gray];
  const scale = { domain: [0, 1] };
  return {
    name: input.name ?? 'roc-curve',
    title: input.title ?? 'ROC curve',
    spec: layered([
      diagonalLayer(0, 1, xTitle, yTitle, domain[1], domain, colors),
      { data: { values: rows }, mark: { type: 'line', strokeWidth: 2 }, encoding: { x: quant('f', xTitle, { scale }), y: quant('t', yTitle, { scale }), color: legendColor(domain[0], domain, colors) } },
    ]),
  };
}
