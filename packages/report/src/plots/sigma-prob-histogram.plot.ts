import type { PlotSpec } from '@hepuq/core';
import { histogramPlot } from './histogram.plot.js';
import { CLASS_COLORS } from './vega-lite-helpers.js';
import { uniformEdges, weightedHistogram } from './weighted-histogram.js';

export interface SigmaProbHistogramInput {
  /** [K][N] posterior spread of each class probability. */
  sigmaProbs: readonly ArrayLike<number>[];
  classes: readonly string[];
  weights?: ArrayLike<number>;
  bins?: number;
}

/**
 * Weighted histograms of σ_pred of p_k, one per class (one colour each, as in the classwise reliability
 * diagram), on [0, max σ]; errors sqrt(sum w^2) per bin.
 * @example sigmaProbHistogramPlot({ sigmaProbs: pred.sigmaProbs, classes: pred.classes, weights: test.weights })
 */
export function sigmaProbHistogramPlot(input: SigmaProbHistogramInput): PlotSpec {
  let max = 0;
  for (const s of input.sigmaProbs) for (let i = 0; i < s.length; i++) if (s[i] > max) max = s[i];
  // the largest value falls inside the last bin
  const edges = uniformEdges(0, max > 0 ? max * (1 + 1e-6) : 1, input.bins ?? 30);
  const series = input.sigmaProbs.map((s, k) => {
    const h = weightedHistogram(s, input.weights, edges);
    return { label: input.classes[k], values: h.sumW, errors: h.sumW2.map(Math.sqrt), color: CLASS_COLORS[k % CLASS_COLORS.length] };
  });
  return histogramPlot({
    name: 'sigma-prob-histogram', title: 'Posterior spread σ_pred of each class probability',
    xTitle: 'σ_pred of p_k', yTitle: 'events / bin', edges, series,
  });
}
