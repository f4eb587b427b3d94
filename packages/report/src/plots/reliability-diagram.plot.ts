import { equalWidthBins, reliabilityData } from '@hepuq/stats';
import { type PlotSpec } from '@hepuq/core';
import { eventWeights, float32Column } from './columns.js';
import { trim } from './plot-data.js';
import { layered, unitSquareLayers } from './vega-lite-helpers.js';
import { effectiveSampleSize } from './weighted-histogram.js';

export interface ReliabilityInput {
  prob: ArrayLike<number>;
  /** 0/1 labels. */
  label: ArrayLike<number>;
  weights?: ArrayLike<number>;
  bins?: number;
  name?: string;
  title?: string;
}

/** A bin of a reliability diagram: mean predicted probability, observed fraction of positives and its error. */
export interface ReliabilityBin {
  predicted: number;
  observed: number;
  error: number;
}

/**
 * Per equal-width bin of the predicted probability: the weighted mean prediction and the observed
 * fraction of label 1 with its binomial error sqrt(f(1 − f)/n_eff) (Niculescu-Mizil & Caruana, ICML 2005),
 * from core's `reliabilityData` (the `ece` metric's reliability data); `count` is the Kish n_eff of the bin.
 * @example reliabilityBins({ prob: pred.prob, label: test.label!, bins: 10 })
 */
export function reliabilityBins(input: ReliabilityInput): (ReliabilityBin & { count: number })[] {
  const nBins = input.bins ?? 10;
  const prob = float32Column(input.prob);
  const w = eventWeights(prob.length, input.weights);
  const r = reliabilityData(prob, float32Column(input.label), w, nBins);
  const bin = equalWidthBins(prob, nBins);
  const sumW2 = new Float64Array(nBins);
  for (let i = 0; i < w.length; i++) sumW2[bin[i]] += w[i] * w[i];
  return r.meanProb.map((predicted, k) => ({
    predicted, observed: r.frequency[k], error: r.frequencyError[k],
    count: effectiveSampleSize(r.weight[k], sumW2[Math.round(r.binLow[k] * nBins)]),
  }));
}

/** Options of `reliabilitySpec`: plot name and title, axis titles (binary defaults). */
export interface ReliabilitySpecOptions {
  name?: string;
  title?: string;
  xTitle?: string;
  yTitle?: string;
}

/** One curve of a reliability diagram with several curves (one per class). */
export interface ReliabilitySeries {
  label: string;
  bins: readonly ReliabilityBin[];
  color?: string;
}

const reliabilityRows = (bins: readonly ReliabilityBin[]) =>
  bins.map((r) => ({ p: trim(r.predicted), o: trim(r.observed), lo: trim(r.observed - r.error), hi: trim(r.observed + r.error) }));

/**
 * Reliability diagram of several curves (e.g. one per class), each with error bars, and the diagonal.
 * @example reliabilitySeriesSpec([{ label: 'b', bins }, { label: 'light', bins: other }], { name: 'reliability-classwise' })
 */
export function reliabilitySeriesSpec(series: readonly ReliabilitySeries[], options: ReliabilitySpecOptions = {}): PlotSpec {
  return {
    name: options.name ?? 'reliability-diagram',
    title: options.title ?? 'Reliability diagram',
    spec: layered(unitSquareLayers({
      series: series.map((s) => ({ label: s.label, rows: reliabilityRows(s.bins), color: s.color })), x: 'p', y: 'o',
      xTitle: options.xTitle ?? 'predicted probability', yTitle: options.yTitle ?? 'observed fraction of positives',
      reference: 'perfect calibration', mark: { type: 'line', point: true }, errorBars: true,
    })),
  };
}

/**
 * Reliability diagram of given bins: observed fraction of positives vs predicted probability, with
 * error bars and the diagonal.
 * @example reliabilitySpec(reliabilityBins({ prob, label }))
 */
export function reliabilitySpec(bins: readonly ReliabilityBin[], options: ReliabilitySpecOptions = {}): PlotSpec {
  return reliabilitySeriesSpec([{ label: 'model', bins }], options);
}

/**
 * Reliability diagram: observed frequency of the positive class vs predicted probability, with the diagonal.
 * @example reliabilityDiagramPlot({ prob: pred.prob, label: test.label! })
 */
export function reliabilityDiagramPlot(input: ReliabilityInput): PlotSpec {
  return reliabilitySpec(reliabilityBins(input), { name: input.name, title: input.title });
}
