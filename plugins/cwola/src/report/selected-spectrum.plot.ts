import { VEGA_LITE_SCHEMA, type PlotSpec } from '@hepuq/core';
import { COLORS } from '@hepuq/report';
import type { HuntRegion } from '../hunt/hunt.js';
import { plotNumber, rangeText, selectionColor, selectionLabel } from './hunt-plot.helpers.js';

/** What the spectrum plot reads of the hunt besides the region: the bin edges and the variable's name. */
export interface SpectrumAxis {
  edges: readonly number[];
  resonance: string;
}

const RESIDUAL_HEIGHT = 110;

/**
 * The selected spectra of one signal region, as in CWoLa hunting (Collins, Howe, Nachman,
 * arXiv:1805.02664, Fig. 3): per selection efficiency (inclusive first) the counts N per bin with
 * √N error bars (log y; empty bins are not drawn, error bars are cut at half the smallest value
 * shown), the dijet fit with the signal region masked (`fit.background`, its interpolation inside
 * the signal region), the signal region shaded, and below the residuals (N − B)/√B per bin, where a
 * resonance shows as an excess inside the shading. A selection whose fit failed has points only.
 * @example selectedSpectrumPlot({ edges: artifact.edges, resonance: artifact.resonance }, bestRegion(artifact.regions)!)
 */
export function selectedSpectrumPlot(axis: SpectrumAxis, region: HuntRegion): PlotSpec {
  const { edges, resonance } = axis;
  const centre = (b: number) => plotNumber((edges[b] + edges[b + 1]) / 2);
  const bins = (counts: readonly number[]) => counts.slice(0, edges.length - 1).map((n, b) => ({ b, n }));
  const points = region.selections.flatMap((s) => bins(s.counts).filter(({ n }) => n > 0).map(({ b, n }) => ({ selection: selectionLabel(s.efficiency), x: centre(b), n, lo: n - Math.sqrt(n), hi: n + Math.sqrt(n) })));
  const fits = region.selections.flatMap((s) => (s.fit?.background ?? []).slice(0, edges.length - 1).map((bkg, b) => ({ selection: selectionLabel(s.efficiency), x: centre(b), bkg })).filter((r) => r.bkg > 0));
  const floor = 0.5 * Math.min(...points.map((p) => p.n), ...fits.map((f) => f.bkg));
  const residuals = region.selections.flatMap((s) => {
    const background = s.fit?.background;
    if (!background) return [];
    return bins(s.counts).filter(({ b }) => background[b] > 0).map(({ b, n }) => ({ selection: selectionLabel(s.efficiency), x: centre(b), r: plotNumber((n - background[b]) / Math.sqrt(background[b])) }));
  });
  const x = { field: 'x', type: 'quantitative', title: resonance, scale: { domain: [plotNumber(edges[0]), plotNumber(edges[edges.length - 1])], nice: false, zero: false } };
  const color = selectionColor(region.selections.map((s) => s.efficiency));
  const logY = (title: string, field: string) => ({ field, type: 'quantitative', title, scale: { type: 'log' } });
  // the residual panel below carries the x title
  const upperX = { ...x, title: null };
  const main = {
    layer: [
      srShading(region.sr_range, upperX, true),
      { data: { values: fits.map((f) => ({ ...f, bkg: plotNumber(f.bkg) })) }, mark: { type: 'line', strokeWidth: 1.5 }, encoding: { x: upperX, y: logY('events / bin', 'bkg'), color } },
      {
        data: { values: points.map((p) => ({ ...p, n: plotNumber(p.n), lo: plotNumber(Math.max(p.lo, floor)), hi: plotNumber(p.hi) })) },
        layer: [
          { mark: 'rule', encoding: { x: upperX, y: logY('events / bin', 'lo'), y2: { field: 'hi' }, color } },
          { mark: { type: 'point', filled: true, size: 28, opacity: 1 }, encoding: { x: upperX, y: logY('events / bin', 'n'), color } },
        ],
      },
    ],
  };
  const y = { field: 'r', type: 'quantitative', title: '(N − B)/√B' };
  const residual = {
    height: RESIDUAL_HEIGHT,
    layer: [
      srShading(region.sr_range, x, false),
      { data: { values: [{ zero: 0 }] }, mark: { type: 'rule', color: COLORS.gray, strokeDash: [4, 3] }, encoding: { y: { field: 'zero', type: 'quantitative', title: y.title } } },
      { data: { values: residuals }, mark: { type: 'point', filled: true, size: 28, opacity: 1 }, encoding: { x, y, color } },
    ],
  };
  return {
    name: 'cwola-hunt-spectrum',
    title: `Selected ${resonance} spectra in signal region ${region.index} (${rangeText(region.sr_range)}) with the background fit`,
    spec: { $schema: VEGA_LITE_SCHEMA, vconcat: [main, residual], resolve: { scale: { color: 'shared' } } },
  };
}

/** The signal region as a shaded band over the panel's full height, labelled in the upper panel. */
function srShading(range: readonly [number, number], x: Record<string, unknown>, label: boolean): Record<string, unknown> {
  const band = { mark: { type: 'rect', color: COLORS.lightOrange, opacity: 0.35 }, encoding: { x, x2: { field: 'x2' } } };
  const text = { mark: { type: 'text', color: COLORS.gray, baseline: 'top', dy: 4, fontSize: 11 }, encoding: { x: { ...x, field: 'mid' }, y: { value: 0 }, text: { value: 'signal region' } } };
  return { data: { values: [{ x: plotNumber(range[0]), x2: plotNumber(range[1]), mid: plotNumber((range[0] + range[1]) / 2) }] }, layer: label ? [band, text] : [band] };
}
