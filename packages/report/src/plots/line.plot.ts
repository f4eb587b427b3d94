import { HepuqError, type PlotSpec } from '@hepuq/core';
import { MAX_PLOT_POINTS, strideIndices, trim } from './plot-data.js';
import { COLORS, layered, legendColor, quant } from './vega-lite-helpers.js';

export interface LineSeries {
  label: string;
  x: ArrayLike<number>;
  y: ArrayLike<number>;
  /** Optional ±1σ band around y. */
  error?: ArrayLike<number>;
  dashed?: boolean;
  /** Mark each point (for a few measured points rather than a curve). */
  points?: boolean;
}

export interface LinePlotInput {
  name: string;
  title: string;
  xTitle: string;
  yTitle: string;
  series: LineSeries[];
  logY?: boolean;
  logX?: boolean;
  maxPoints?: number;
}

const PALETTE = [COLORS.blue, COLORS.red, COLORS.green, COLORS.orange, COLORS.purple, COLORS.gray];

/**
 * Curves y(x) with optional ±1σ bands (likelihood scans, training curves, efficiencies); the
 * point budget is shared by the series.
 * @example linePlot({ name: 'nll-scan', title: 'Profile likelihood', xTitle: 'μ', yTitle: '−2 Δ ln L', series: [{ label: 'observed', x: mu, y: q }] })
 */
export function linePlot(input: LinePlotInput): PlotSpec {
  const budget = Math.max(2, Math.floor((input.maxPoints ?? MAX_PLOT_POINTS) / Math.max(1, input.series.length)));
  const rows = input.series.flatMap((s) => {
    if (s.x.length !== s.y.length || (s.error && s.error.length !== s.y.length)) {
      throw new HepuqError('ShapeMismatch', `line plot "${input.name}", series "${s.label}": x has ${s.x.length} points, y ${s.y.length}`);
    }
    return Array.from(strideIndices(s.x.length, budget), (i) => {
      const e = s.error ? s.error[i] : 0;
      return { s: s.label, x: trim(s.x[i]), y: trim(s.y[i]), lo: trim(s.y[i] - e), hi: trim(s.y[i] + e) };
    });
  });
  const domain = input.series.map((s) => s.label);
  const colors = domain.map((_, i) => PALETTE[i % PALETTE.length]);
  const yScale = input.logY ? { scale: { type: 'log' } } : {};
  const xScale = input.logX ? { scale: { type: 'log' } } : {};
  const layers = input.series.flatMap((s) => {
    const filter = { filter: { field: 's', equal: s.label } };
    const color = legendColor(s.label, domain, colors);
    const line = { transform: [filter], mark: { type: 'line', strokeWidth: 2, ...(s.dashed ? { strokeDash: [6, 3] } : {}), ...(s.points ? { point: true } : {}) }, encoding: { x: quant('x', input.xTitle, xScale), y: quant('y', input.yTitle, yScale), color } };
    const band = { transform: [filter], mark: { type: 'area', opacity: 0.25 }, encoding: { x: quant('x', input.xTitle, xScale), y: quant('lo', input.yTitle, yScale), y2: { field: 'hi' }, color } };
    return s.error ? [band, line] : [line];
  });
  return { name: input.name, title: input.title, spec: layered(layers, { data: { values: rows } }) };
}
