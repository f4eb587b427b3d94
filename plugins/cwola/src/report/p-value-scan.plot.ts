import { formatNumber, VEGA_LITE_SCHEMA, type PlotSpec } from '@hepuq/core';
import { COLORS } from '@hepuq/report';
import type { HuntRegion } from '../hunt/hunt.js';
import { huntEfficiencies, plotNumber, rangeText, selectionColor, selectionLabel } from './hunt-plot.helpers.js';

/** One-sided p-values of 1, 2 and 3 standard deviations, p = Φ(−nσ), drawn as reference lines. */
export const SIGMA_LINES = [
  { label: '1σ', p: 0.159 },
  { label: '2σ', p: 0.0228 },
  { label: '3σ', p: 0.00135 },
] as const;

/** A selection the p-value scan cannot draw: its fit failed (p0 null) or p0 underflowed to 0. */
export interface UndrawnPoint {
  region: HuntRegion;
  efficiency: number;
  why: string;
}

/**
 * The selections of `regions` the p-value scan leaves out, with why (the fit's error, or a p0 of 0
 * that a log axis cannot show).
 * @example undrawnPValues(artifact.regions).map((u) => u.why)
 */
export function undrawnPValues(regions: readonly HuntRegion[]): UndrawnPoint[] {
  return regions.flatMap((region) => region.selections.flatMap((s) => {
    if (typeof s.p0 !== 'number' || !Number.isFinite(s.p0)) return [{ region, efficiency: s.efficiency, why: s.error ?? 'no p-value (the fit failed)' }];
    if (s.p0 <= 0) return [{ region, efficiency: s.efficiency, why: `p0 underflows to 0 (z = ${typeof s.z === 'number' ? formatNumber(s.z) : '-'}), below the log axis` }];
    return [];
  }));
}

/**
 * The local p-value p0 of each signal region against its centre in the resonance variable, one
 * line per selection efficiency (log y), with dashed references at 1σ, 2σ and 3σ: CWoLa hunting's
 * scan (Collins, Howe, Nachman, arXiv:1805.02664, Fig. 4), where a resonance shows as a dip that
 * deepens as the selection tightens. Selections without a drawable p0 are left out (see
 * `undrawnPValues`; the report lists them).
 * @example pValueScanPlot(artifact.regions, 'mjj')
 */
export function pValueScanPlot(regions: readonly HuntRegion[], resonance: string): PlotSpec {
  const rows = regions.flatMap((r) => r.selections.filter((s) => typeof s.p0 === 'number' && s.p0 > 0).map((s) => ({
    selection: selectionLabel(s.efficiency), x: plotNumber((r.sr_range[0] + r.sr_range[1]) / 2), p0: plotNumber(s.p0), z: plotNumber(s.z),
    region: r.index, range: rangeText(r.sr_range),
  }))).sort((a, b) => (a.x ?? 0) - (b.x ?? 0));
  const x = { field: 'x', type: 'quantitative', title: `${resonance} at the signal-region centre`, scale: { zero: false } };
  const y = { field: 'p0', type: 'quantitative', title: 'local p-value p0', scale: { type: 'log' } };
  const color = selectionColor(huntEfficiencies(regions));
  const tooltip = [{ field: 'selection' }, { field: 'region', title: 'signal region' }, { field: 'range' }, { field: 'z', format: '.2f' }, { field: 'p0', format: '.3g' }];
  const skipped = undrawnPValues(regions).length;
  return {
    name: 'cwola-hunt-p-values',
    title: `Local p-value per signal region${skipped ? ` (${skipped} selection${skipped > 1 ? 's' : ''} without a p-value left out, listed below)` : ''}`,
    spec: {
      $schema: VEGA_LITE_SCHEMA,
      layer: [
        {
          data: { values: SIGMA_LINES.map((l) => ({ ...l })) },
          layer: [
            { mark: { type: 'rule', color: COLORS.gray, strokeDash: [4, 3] }, encoding: { y: { ...y, field: 'p' } } },
            { mark: { type: 'text', color: COLORS.gray, align: 'right', baseline: 'bottom', dx: -2, dy: -2, fontSize: 11 }, encoding: { x: { value: 'width' }, y: { ...y, field: 'p' }, text: { field: 'label' } } },
          ],
        },
        {
          data: { values: rows },
          layer: [
            { mark: { type: 'line', strokeWidth: 2 }, encoding: { x, y, color, detail: { field: 'selection' } } },
            { mark: { type: 'point', filled: true, size: 30, opacity: 1 }, encoding: { x, y, color, tooltip } },
          ],
        },
      ],
    },
  };
}
