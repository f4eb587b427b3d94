import { HepuqError, type PlotSpec } from '@hepuq/core';
import { trim } from './plot-data.js';
import { COLORS, layered, legendColor, quant } from './vega-lite-helpers.js';

export interface HistogramSeries {
  label: string;
  /** One content per bin. */
  values: ArrayLike<number>;
  /** One standard deviation per bin (drawn as vertical error bars). */
  errors?: ArrayLike<number>;
  /** Line colour (default: the next of blue, red, green, orange, purple, gray). */
  color?: string;
}

export interface HistogramPlotInput {
  name: string;
  title: string;
  xTitle: string;
  yTitle: string;
  /** nBins + 1 bin edges, ascending. */
  edges: ArrayLike<number>;
  series: HistogramSeries[];
}

const PALETTE = [COLORS.blue, COLORS.red, COLORS.green, COLORS.orange, COLORS.purple, COLORS.gray];

/**
 * Mean and standard deviation over replicas per bin, m_b = (1/R) Σ_r h_rb and
 * s_b = sqrt(Σ_r (h_rb − m_b)² / (R − 1)): the error band of a spectrum filled replica by replica.
 * @example const { values, errors } = replicaSpread(replicaHistograms)
 */
export function replicaSpread(replicas: ArrayLike<number>[]): { values: Float64Array; errors: Float64Array } {
  const r = replicas.length;
  const nBins = r > 0 ? replicas[0].length : 0;
  const values = new Float64Array(nBins);
  const errors = new Float64Array(nBins);
  for (const h of replicas) for (let b = 0; b < nBins; b++) values[b] += h[b] / r;
  if (r > 1) {
    for (const h of replicas) for (let b = 0; b < nBins; b++) errors[b] += (h[b] - values[b]) ** 2 / (r - 1);
    for (let b = 0; b < nBins; b++) errors[b] = Math.sqrt(errors[b]);
  }
  return { values, errors };
}

/**
 * A binned spectrum: one step outline per series with vertical error bars at the bin centres
 * (unfolded distributions, replica bands, generated vs true histograms).
 * @example histogramPlot({ name: 'unfolded-pt', title: 'Unfolded p_T', xTitle: 'p_T [GeV]', yTitle: 'events / bin', edges, series: [{ label: 'unfolded', values, errors }] })
 */
export function histogramPlot(input: HistogramPlotInput): PlotSpec {
  const nBins = input.edges.length - 1;
  for (const s of input.series) {
    if (s.values.length !== nBins || (s.errors && s.errors.length !== nBins)) {
      throw new HepuqError('ShapeMismatch', `histogram "${input.name}", series "${s.label}": expected ${nBins} bins (from ${input.edges.length} edges), got ${s.values.length}`);
    }
  }
  const rows = input.series.flatMap((s) =>
    Array.from(s.values, (v, b) => {
      const e = s.errors ? s.errors[b] : 0;
      return { s: s.label, lo: trim(input.edges[b]), hi: trim(input.edges[b + 1]), c: trim((input.edges[b] + input.edges[b + 1]) / 2), v: trim(v), elo: trim(v - e), ehi: trim(v + e) };
    }),
  );
  const domain = input.series.map((s) => s.label);
  const colors = input.series.map((s, i) => s.color ?? PALETTE[i % PALETTE.length]);
  const { xTitle, yTitle } = input;
  const layers = input.series.flatMap((s) => {
    const filter = { filter: { field: 's', equal: s.label } };
    const color = legendColor(s.label, domain, colors);
    const bar = { transform: [filter], mark: { type: 'rule', strokeWidth: 2 }, encoding: { x: quant('lo', xTitle), x2: { field: 'hi' }, y: quant('v', yTitle), color } };
    const err = { transform: [filter], mark: 'rule', encoding: { x: quant('c', xTitle), y: quant('elo', yTitle), y2: { field: 'ehi' }, color } };
    return s.errors ? [bar, err] : [bar];
  });
  return { name: input.name, title: input.title, spec: layered(layers, { data: { values: rows } }) };
}
