import type { PlotSpec } from '@hepuq/core';
import normalPdf from '@stdlib/stats-base-dists-normal-pdf';
import { trim } from './plot-data.js';
import { COLORS, layered, legendColor, quant } from './vega-lite-helpers.js';
import { uniformEdges, weightedHistogram } from './weighted-histogram.js';

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

/** Pulls t_i = (y_i − μ_i) / σ_i; calibrated error bars give t ~ N(0, 1). */
export function pulls(truth: ArrayLike<number>, mean: ArrayLike<number>, sigma: ArrayLike<number>): Float64Array {
  const out = new Float64Array(truth.length);
  for (let i = 0; i < out.length; i++) out[i] = (truth[i] - mean[i]) / sigma[i];
  return out;
}

/**
 * Pull histogram (weighted, normalised to unit area over all events, errors sqrt(sum w^2)) with the
 * unit Gaussian overlaid: the check that σ_tot is neither too small (wider) nor too large (narrower).
 * @example pullHistogramPlot({ truth: test.target!, mean: pred.mean, sigma: pred.sigmaTot })
 */
export function pullHistogramPlot(input: PullHistogramInput): PlotSpec {
  const range = input.range ?? 5;
  const edges = uniformEdges(-range, range, input.bins ?? 40);
  const h = weightedHistogram(pulls(input.truth, input.mean, input.sigma), input.weights, edges);
  const width = edges[1] - edges[0];
  const norm = h.totalW * width;
  const bins = Array.from(h.sumW, (w, b) => {
    const d = w / norm;
    const e = Math.sqrt(h.sumW2[b]) / Math.abs(norm);
    return { lo: trim(edges[b]), hi: trim(edges[b + 1]), c: trim((edges[b] + edges[b + 1]) / 2), d: trim(d), elo: trim(d - e), ehi: trim(d + e) };
  });
  const gauss = Array.from({ length: 201 }, (_, i) => {
    const t = -range + (2 * range * i) / 200;
    return { t: trim(t), g: trim(normalPdf(t, 0, 1)) };
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
