import { normalPdf, pullHistogram, pulls, weightSummary } from '@hepuq/stats';
import { type PlotSpec } from '@hepuq/core';
import { eventWeights, float32Column } from './columns.js';
import { trim } from './plot-data.js';
import { COLORS, layered, legendColor, quant } from './vega-lite-helpers.js';
import { uniformEdges } from './weighted-histogram.js';

export interface PullHistogramInput {
  truth: ArrayLike<number>;
  mean: ArrayLike<number>;
  sigma: ArrayLike<number>;
  weights?: ArrayLike<number>;
  /** Histogram range is [-range, range] (default 5). */
  range?: number;
  bins?: number;
  name?: string;
  title?: string;
}

/** A histogram bin [lo, hi) with its content (density or count) and, if known, its error. */
export interface PullHistogramBin {
  lo: number;
  hi: number;
  value: number;
  error?: number;
}

/** A filled pull histogram and the unit-Gaussian expectation to draw over it. */
export interface PullHistogramSpecInput {
  bins: readonly PullHistogramBin[];
  /** The expectation at points t: the N(0, 1) density, or expected counts N Δt φ(t) (see `unitGaussianCurve`). */
  gaussian: readonly { t: number; value: number }[];
  xTitle?: string;
  yTitle?: string;
  /** Legend label of the histogram (default 'test events'). */
  label?: string;
  name?: string;
  title?: string;
  /** A Vega-Lite title object or text shown above the plot. */
  plotTitle?: string | Record<string, unknown>;
}

/**
 * `scale` φ(t) at `points` evenly spaced t in [-range, range]: the unit-Gaussian density (scale 1) or
 * the expected counts of N pulls in bins of width Δt (scale N Δt).
 * @example unitGaussianCurve(5) // 201 points of φ(t) on [-5, 5]
 */
export function unitGaussianCurve(range: number, scale = 1, points = 201): { t: number; value: number }[] {
  return Array.from({ length: points }, (_, i) => {
    const t = -range + (2 * range * i) / (points - 1);
    return { t, value: scale * normalPdf(t) };
  });
}

/**
 * The standard pull plot: a filled histogram (with error bars where bins carry errors) and the
 * unit Gaussian it should follow.
 * @example pullHistogramSpec({ bins, gaussian: unitGaussianCurve(5) })
 */
export function pullHistogramSpec(input: PullHistogramSpecInput): PlotSpec {
  const bins = input.bins.map((b) => ({
    lo: trim(b.lo), hi: trim(b.hi), c: trim((b.lo + b.hi) / 2), d: trim(b.value),
    ...(b.error === undefined ? {} : { elo: trim(b.value - b.error), ehi: trim(b.value + b.error) }),
  }));
  const gauss = input.gaussian.map((p) => ({ t: trim(p.t), g: trim(p.value) }));
  const xTitle = input.xTitle ?? 'pull (y − μ) / σ_tot';
  const yTitle = input.yTitle ?? 'density';
  const domain = [input.label ?? 'test events', 'N(0, 1)'];
  const colors = [COLORS.blue, COLORS.red];
  const layers: Record<string, unknown>[] = [
    { data: { values: bins }, mark: { type: 'rect', opacity: 0.45 }, encoding: { x: quant('lo', xTitle), x2: { field: 'hi' }, y: quant('d', yTitle), color: legendColor(domain[0], domain, colors) } },
  ];
  if (input.bins.some((b) => b.error !== undefined)) {
    layers.push({ data: { values: bins }, mark: { type: 'rule' }, encoding: { x: quant('c', xTitle), y: quant('elo', yTitle), y2: { field: 'ehi' }, color: legendColor(domain[0], domain, colors) } });
  }
  layers.push({ data: { values: gauss }, mark: { type: 'line', strokeWidth: 2 }, encoding: { x: quant('t', xTitle), y: quant('g', yTitle), color: legendColor(domain[1], domain, colors) } });
  return {
    name: input.name ?? 'pull-histogram',
    title: input.title ?? 'Pull distribution with the unit Gaussian',
    spec: layered(layers, input.plotTitle === undefined ? {} : { title: input.plotTitle }),
  };
}

/**
 * Pull histogram with the unit Gaussian overlaid: the check that σ_tot is neither too small (wider)
 * nor too large (narrower). Pulls and bin contents come from core's `pulls` and `pullHistogram`
 * (weighted, normalised to unit area over all events, errors sqrt(Σw²)/(Σw·Δ)), as in metrics.json.
 * @example pullHistogramPlot({ truth: test.target!, mean: pred.mean, sigma: pred.sigmaTot })
 */
export function pullHistogramPlot(input: PullHistogramInput): PlotSpec {
  const range = input.range ?? 5;
  const nBins = input.bins ?? 40;
  const w = eventWeights(input.truth.length, input.weights);
  const pull = pulls(float32Column(input.truth), float32Column(input.mean), float32Column(input.sigma));
  const h = pullHistogram(pull, w, weightSummary(w).sumW, nBins, range);
  const edges = uniformEdges(-range, range, nBins);
  const bins = Array.from(h.density, (value, b) => ({ lo: edges[b], hi: edges[b + 1], value, error: h.densityError[b] }));
  return pullHistogramSpec({ bins, gaussian: unitGaussianCurve(range), name: input.name, title: input.title });
}
