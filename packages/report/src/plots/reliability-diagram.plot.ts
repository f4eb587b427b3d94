import type { PlotSpec } from '@hepuq/core';
import { trim } from './plot-data.js';
import { COLORS, diagonalLayer, layered, legendColor, quant } from './vega-lite-helpers.js';
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

/**
 * Per equal-width bin of the predicted probability: the weighted mean prediction and the observed
 * fraction of label 1 with its binomial error sqrt(f(1 − f)/n_eff) (Niculescu-Mizil & Caruana, ICML 2005).
 */
export function reliabilityBins(input: ReliabilityInput): { predicted: number; observed: number; error: number; count: number }[] {
  const nBins = input.bins ?? 10;
  const sw = new Float64Array(nBins);
  const sw2 = new Float64Array(nBins);
  const swp = new Float64Array(nBins);
  const swy = new Float64Array(nBins);
  for (let i = 0; i < input.prob.length; i++) {
    const p = input.prob[i];
    const w = input.weights ? input.weights[i] : 1;
    const b = Math.min(nBins - 1, Math.max(0, Math.floor(p * nBins)));
    sw[b] += w;
    sw2[b] += w * w;
    swp[b] += w * p;
    swy[b] += w * input.label[i];
  }
  const out: { predicted: number; observed: number; error: number; count: number }[] = [];
  for (let b = 0; b < nBins; b++) {
    if (sw[b] <= 0) continue;
    const f = swy[b] / sw[b];
    const nEff = effectiveSampleSize(sw[b], sw2[b]);
    out.push({ predicted: swp[b] / sw[b], observed: f, error: Math.sqrt(Math.max(f * (1 - f), 0) / nEff), count: nEff });
  }
  return out;
}

/**
 * Reliability diagram: observed frequency of the positive class vs predicted probability, with the diagonal.
 * @example reliabilityDiagramPlot({ prob: pred.prob, label: test.label! })
 */
export function reliabilityDiagramPlot(input: ReliabilityInput): PlotSpec {
  const rows = reliabilityBins(input).map((r) => ({ p: trim(r.predicted), o: trim(r.observed), lo: trim(r.observed - r.error), hi: trim(r.observed + r.error) }));
  const xTitle = 'predicted probability';
  const yTitle = 'observed fraction of positives';
  const domain = ['model', 'perfect calibration'];
  const colors = [COLORS.blue, COLORS.gray];
  const scale = { domain: [0, 1] };
  return {
    name: input.name ?? 'reliability-diagram',
    title: input.title ?? 'Reliability diagram',
    spec: layered([
      diagonalLayer(0, 1, xTitle, yTitle, domain[1], domain, colors),
      { data: { values: rows }, mark: { type: 'line', point: true }, encoding: { x: quant('p', xTitle, { scale }), y: quant('o', yTitle, { scale }), color: legendColor(domain[0], domain, colors) } },
      { data: { values: rows }, mark: 'rule', encoding: { x: quant('p', xTitle), y: quant('lo', yTitle), y2: { field: 'hi' }, color: legendColor(domain[0], domain, colors) } },
    ]),
  };
}
