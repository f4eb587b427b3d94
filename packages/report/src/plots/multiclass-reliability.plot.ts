import { classCalibrationChi2, multiclassTopLabel, reliabilityData, type ClasswiseCalibrationBins } from '@hepuq/stats';
import type { PlotSpec } from '@hepuq/core';
import { eventWeights, float32Column } from './columns.js';
import { reliabilitySeriesSpec } from './reliability-diagram.plot.js';
import { CLASS_COLORS } from './vega-lite-helpers.js';

export interface MulticlassReliabilityInput {
  /** [K][N] class probabilities. */
  probs: readonly ArrayLike<number>[];
  /** Labels 0..K-1. */
  label: ArrayLike<number>;
  /** Class names (length K). */
  classes: readonly string[];
  weights?: ArrayLike<number>;
  /** Equal-width bins of p_k (classwise, default 10, as the `classwise-calibration` metric) or of max_k p_k (top label, default 15, as `multiclass-ece`). */
  bins?: number;
}

/**
 * Classwise reliability diagram from the `classwise-calibration` plot data: per class (one colour each)
 * the observed frequency of y = k against the mean predicted p_k per bin, with the error a calibrated
 * model would have (sqrt(var_b)), the class's chi2/ndf in the legend, and the diagonal.
 * @example classwiseReliabilitySpec(Object.values(outputs['classwise-calibration'].plots) as ClasswiseCalibrationBins[])
 */
export function classwiseReliabilitySpec(classes: readonly ClasswiseCalibrationBins[], options: { name?: string; title?: string } = {}): PlotSpec {
  const series = classes.map((d, k) => {
    return {
      label: `${d.class} (χ²/ndf = ${d.chi2.toFixed(1)}/${d.ndf})`,
      color: CLASS_COLORS[k % CLASS_COLORS.length],
      bins: d.meanProb.map((predicted, b) => ({ predicted, observed: d.frequency[b], error: d.frequencyError[b] })),
    };
  });
  return reliabilitySeriesSpec(series, {
    name: options.name ?? 'reliability-classwise',
    title: options.title ?? 'Classwise reliability: observed frequency of class k against predicted p_k (errors expected if calibrated)',
    xTitle: 'mean predicted probability p_k', yTitle: 'observed frequency of class k',
  });
}

/**
 * Classwise reliability diagram of a K-class prediction (`classCalibrationChi2` per class, as the
 * `classwise-calibration` metric bins it).
 * @example classwiseReliabilityPlot({ probs: pred.probs, label: test.label!, classes: pred.classes })
 */
export function classwiseReliabilityPlot(input: MulticlassReliabilityInput): PlotSpec {
  const label = float32Column(input.label);
  const w = eventWeights(label.length, input.weights);
  const data = input.probs.map((p, k) => classCalibrationChi2(float32Column(p), label, k, w, input.bins ?? 10, input.classes[k]).data);
  return classwiseReliabilitySpec(data);
}

/**
 * Top-label reliability diagram (Guo et al. 2017): accuracy against confidence max_k p_k per
 * equal-width bin, binomial errors sqrt(a (1 - a) / Neff_b), as the `multiclass-ece` metric bins it.
 * @example topLabelReliabilityPlot({ probs: pred.probs, label: test.label!, classes: pred.classes })
 */
export function topLabelReliabilityPlot(input: MulticlassReliabilityInput): PlotSpec {
  const label = float32Column(input.label);
  const w = eventWeights(label.length, input.weights);
  const top = multiclassTopLabel(input.probs.map(float32Column), label);
  const r = reliabilityData(top.conf, Float32Array.from(top.correct), w, input.bins ?? 15);
  return topLabelReliabilitySpec(r);
}

/**
 * Top-label reliability diagram of `reliabilityData` of (confidence, correct) — the `multiclass-ece`
 * metric's `reliability_top_label` plot data.
 * @example topLabelReliabilitySpec(outputs['multiclass-ece'].plots.reliability_top_label)
 */
export function topLabelReliabilitySpec(r: ReturnType<typeof reliabilityData>): PlotSpec {
  const bins = r.meanProb.map((predicted, b) => ({ predicted, observed: r.frequency[b], error: r.frequencyError[b] }));
  return reliabilitySeriesSpec([{ label: 'model', bins }], {
    name: 'reliability-top-label', title: 'Top-label reliability: accuracy against confidence max_k p_k',
    xTitle: 'confidence max_k p_k', yTitle: 'accuracy (argmax = label)',
  });
}
