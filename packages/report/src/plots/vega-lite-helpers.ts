import { VEGA_LITE_SCHEMA } from '@hepuq/core';

/** Series colours (the Vega "tableau10" order), fixed so a quantity keeps its colour across plots. */
export const COLORS = {
  blue: '#1f77b4', orange: '#ff7f0e', green: '#2ca02c', red: '#d62728', purple: '#9467bd', gray: '#7f7f7f', lightBlue: '#aec7e8', lightOrange: '#ffbb78',
  brown: '#8c564b', pink: '#e377c2', olive: '#bcbd22', cyan: '#17becf',
} as const;

/** One colour per class k of a K-class prediction (tableau10 without gray, which marks references), cycling after 9. */
export const CLASS_COLORS = [COLORS.blue, COLORS.orange, COLORS.green, COLORS.red, COLORS.purple, COLORS.brown, COLORS.pink, COLORS.olive, COLORS.cyan] as const;

/** A quantitative encoding; every layer repeats the title so Vega-Lite never merges field names into it. */
export function quant(field: string, title: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { field, type: 'quantitative', title, ...extra };
}

/** A constant-colour legend entry shared by all layers of a plot (`color: { datum }`). */
export function legendColor(label: string, domain: readonly string[], range: readonly string[]): Record<string, unknown> {
  return { datum: label, type: 'nominal', scale: { domain: [...domain], range: [...range] }, legend: { title: null } };
}

/** A layered Vega-Lite spec with inline data per layer. */
export function layered(layers: Record<string, unknown>[], extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { $schema: VEGA_LITE_SCHEMA, ...extra, layer: layers };
}

/** A diagonal y = x reference line from `lo` to `hi`. */
export function diagonalLayer(lo: number, hi: number, xTitle: string, yTitle: string, label: string, domain: readonly string[], range: readonly string[]): Record<string, unknown> {
  return {
    data: { values: [{ a: lo, b: lo }, { a: hi, b: hi }] },
    mark: { type: 'line', strokeDash: [4, 4], strokeWidth: 1 },
    encoding: { x: quant('a', xTitle), y: quant('b', yTitle), color: legendColor(label, domain, range) },
  };
}

/** One curve of a unit-square plot: its legend label and its rows. */
export interface UnitSquareSeries {
  label: string;
  rows: Record<string, unknown>[];
  /** Line colour (default: the next of blue, orange, green, purple, red). */
  color?: string;
}

/** Curves on the unit square, for `unitSquareLayers`. */
export interface UnitSquareCurve {
  series: readonly UnitSquareSeries[];
  x: string;
  y: string;
  xTitle: string;
  yTitle: string;
  /** Legend label of the dashed y = x line ("perfect calibration", "random guess"). */
  reference: string;
  mark: string | Record<string, unknown>;
  /** Draw vertical error bars from field `lo` to field `hi`. */
  errorBars?: boolean;
}

const SERIES_COLORS = [COLORS.blue, COLORS.orange, COLORS.green, COLORS.purple, COLORS.red];

/**
 * Layers of model curves on [0, 1]² against the dashed y = x reference, with optional error bars:
 * the common shape of calibration curves, reliability diagrams and ROC curves.
 */
export function unitSquareLayers(c: UnitSquareCurve): Record<string, unknown>[] {
  const domain = [...c.series.map((s) => s.label), c.reference];
  const colors = [...c.series.map((s, k) => s.color ?? SERIES_COLORS[k % SERIES_COLORS.length]), COLORS.gray];
  const scale = { domain: [0, 1] };
  const layers = [diagonalLayer(0, 1, c.xTitle, c.yTitle, c.reference, domain, colors)];
  for (const s of c.series) {
    const color = legendColor(s.label, domain, colors);
    layers.push({ data: { values: s.rows }, mark: c.mark, encoding: { x: quant(c.x, c.xTitle, { scale }), y: quant(c.y, c.yTitle, { scale }), color } });
    if (c.errorBars) {
      layers.push({ data: { values: s.rows }, mark: 'rule', encoding: { x: quant(c.x, c.xTitle), y: quant('lo', c.yTitle), y2: { field: 'hi' }, color } });
    }
  }
  return layers;
}
