import type { PlotSpec } from '@hepuq/core';
import type { ClosureRow } from '@hepuq/stats';
import { trim } from './plot-data.js';
import { COLORS, layered, legendColor, quant } from './vega-lite-helpers.js';

/** One set of closure bins drawn in a plot: its legend label, its rows, and which residual statistic. */
export interface ClosureSeries {
  label: string;
  rows: readonly ClosureRow[];
  field: 'mean' | 'median';
  dashed?: boolean;
}

export interface ClosurePlotInput {
  name: string;
  title: string;
  xTitle: string;
  yTitle: string;
  series: ClosureSeries[];
}

const PALETTE = [COLORS.blue, COLORS.red, COLORS.green, COLORS.orange, COLORS.purple, COLORS.brown];

/**
 * A closure plot: per bin of the true y, the residual statistic at the bin's mean y with a ±1σ error
 * bar and a horizontal bar over the bin's extent, one colour per series, and the dashed line of
 * perfect closure at 0. Bins without events are left out.
 * @example closurePlot({ name: 'closure-median', title: 'Median closure', xTitle: 'true y', yTitle: 'median (ŷ − y)/y', series: [{ label: 'run', rows, field: 'median' }] })
 */
export function closurePlot(input: ClosurePlotInput): PlotSpec {
  const domain = [...input.series.map((s) => s.label), 'perfect closure'];
  const colors = [...input.series.map((_, k) => PALETTE[k % PALETTE.length]), COLORS.gray];
  const lows = input.series.flatMap((s) => s.rows.map((r) => r.low));
  const highs = input.series.flatMap((s) => s.rows.map((r) => r.high));
  const x = (field: string) => quant(field, input.xTitle);
  const y = (field: string) => quant(field, input.yTitle);
  const layers: Record<string, unknown>[] = [{
    data: { values: [{ a: trim(Math.min(...lows)), v: 0 }, { a: trim(Math.max(...highs)), v: 0 }] },
    mark: { type: 'line', strokeDash: [4, 4], strokeWidth: 1 },
    encoding: { x: x('a'), y: y('v'), color: legendColor('perfect closure', domain, colors) },
  }];
  for (const s of input.series) {
    const rows = s.rows
      .filter((r) => Number.isFinite(r[s.field]) && Number.isFinite(r[`${s.field}_error`]))
      .map((r) => ({ low: trim(r.low), high: trim(r.high), at: trim(r.y_mean), v: trim(r[s.field]), lo: trim(r[s.field] - r[`${s.field}_error`]), hi: trim(r[s.field] + r[`${s.field}_error`]) }));
    const color = legendColor(s.label, domain, colors);
    const data = { values: rows };
    const dash = s.dashed ? { strokeDash: [5, 3] } : {};
    layers.push(
      { data, mark: { type: 'point', filled: !s.dashed, size: 40 }, encoding: { x: x('at'), y: y('v'), color } },
      { data, mark: { type: 'rule', ...dash }, encoding: { x: x('at'), y: y('lo'), y2: { field: 'hi' }, color } },
      { data, mark: { type: 'rule', ...dash }, encoding: { x: x('low'), x2: { field: 'high' }, y: y('v'), color } },
    );
  }
  return { name: input.name, title: input.title, spec: layered(layers) };
}
