import { VEGA_LITE_SCHEMA, type PlotSpec } from '@hepuq/core';
import { COLORS } from '@hepuq/report';
import type { InjectionScan } from '../hunt/injection-scan.js';
import { plotNumber, rangeText, selectionColor, selectionLabel } from './hunt-plot.helpers.js';

/**
 * A signal-injection scan: the local significance z in the scanned signal region against the
 * injected signal S/√B there (before any selection), one line per selection efficiency, with the
 * dashed z = S/√B of a counting experiment that knows its background exactly. Selections lifting
 * z above that line are what CWoLa hunting gains (Collins, Howe, Nachman, arXiv:1902.02634).
 * The number of injected signal events is in each point's tooltip; points with a failed fit (z
 * null) or no background in the signal region are left out. `efficiencies` fixes the colours (pass
 * the hunt's, so they match its other plots).
 * @example injectionPlot(artifact.injection, artifact.edges, huntEfficiencies(artifact.regions))
 */
export function injectionPlot(scan: InjectionScan, edges: readonly number[], efficiencies: readonly number[] = []): PlotSpec {
  const rows = scan.points.flatMap((p) => p.selections.filter((s) => typeof s.z === 'number' && Number.isFinite(s.z)).map((s) => ({
    selection: selectionLabel(s.efficiency), x: plotNumber(p.s_over_sqrt_b), z: plotNumber(s.z), p0: plotNumber(s.p0),
    signals: p.signals, signal_sr: plotNumber(p.signal_sr), background_sr: plotNumber(p.background_sr), selected_signal: plotNumber(s.signal),
  }))).filter((r) => r.x !== null).sort((a, b) => (a.x ?? 0) - (b.x ?? 0));
  const most = Math.max(0, ...rows.map((r) => r.x ?? 0));
  const x = { field: 'x', type: 'quantitative', title: 'injected S/√B in the signal region (no selection)' };
  const y = { field: 'z', type: 'quantitative', title: 'local significance z' };
  const color = selectionColor([...efficiencies, ...scan.points.flatMap((p) => p.selections.map((s) => s.efficiency))]);
  const tooltip = [
    { field: 'selection' }, { field: 'signals', title: 'signal events injected' }, { field: 'signal_sr', title: 'signal in SR', format: '.4g' },
    { field: 'background_sr', title: 'background in SR', format: '.4g' }, { field: 'x', title: 'S/√B', format: '.3g' }, { field: 'z', format: '.2f' },
    { field: 'p0', format: '.3g' }, { field: 'selected_signal', title: 'signal selected in SR', format: '.4g' },
  ];
  const region = edges.length > scan.sr[1] + 1 ? ` (${rangeText([edges[scan.sr[0]], edges[scan.sr[1] + 1]])})` : '';
  return {
    name: 'cwola-hunt-injection',
    title: `Significance against injected signal in signal region ${scan.index}${region}`,
    spec: {
      $schema: VEGA_LITE_SCHEMA,
      layer: [
        {
          data: { values: [{ x: 0, z: 0, label: '' }, { x: plotNumber(most), z: plotNumber(most), label: 'z = S/√B' }] },
          layer: [
            { mark: { type: 'line', color: COLORS.gray, strokeDash: [4, 3], strokeWidth: 1 }, encoding: { x, y } },
            { mark: { type: 'text', color: COLORS.gray, align: 'right', baseline: 'bottom', dx: -4, fontSize: 11 }, encoding: { x, y, text: { field: 'label' } } },
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
