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
  const bins = Array.from(h.density, (d, b) => {
    const e = h.densityError[b];
    return { lo: trim(edges[b]), hi: trim(edges[b + 1]), c: trim(h.center[b]), d: trim(d), elo: trim(d - e), ehi: trim(d + e) };
  });
  const gauss = Array.from({ length: 201 }, (_, i) => {
    const t = -range + (2 * range * i) / 200;
    return { t: trim(t), g: trim(normalPdf(t)) };
  });
  const xTitle = 'pull (y − μ) / σ_tot';
  const yTitle = 'density';
  const domain = ['test events', 'N(0, 1)'];
  const colors = [COLORS.blue, COLORS.red];
  return {
    name: input.name ?? 'pull-histogram',
    title: input.title ?? 'Pull distribution with the unit Gaussian',
    spec: layered([
      { data: { values: bins }, mark: { type: 'rect', opacity: 0.45 }, encoding: { x: quant('lo', xTitle), x2: { field: 'hi' }, y: quant('d', yTitle), color: legendColor(domain[0], domain, colors) } },
      { data: { values: bins }, mark: { type: 'rule' }, encoding: { x: quant('c', xTitle), y: quant('elo', yTitle), y2: { field: 'ehi' }, color: legendColor(domain[0], domain, colors) } },
      { data: { values: gauss }, mark: { type: 'line', strokeWidth: 2 }, encoding: { x: quant('t', xTitle), y: quant('g', yTitle), color: legendColor(domain[1], domain, colors) } },
    ]),
  };
}
