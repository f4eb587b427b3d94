import { formatWithError, VEGA_LITE_SCHEMA, type PlotSpec } from '@hepuq/core';
import type { ScalePullsResult } from '../analysis/scale-pulls.result.js';

/**
 * Upward LO scale uncertainty Δσ+/σ0 against the number of final-state particles n, per process and
 * group, with the QCD reference processes and the line n <Δσ+/(n σ0)>_QCD when the reference method ran.
 * @example uncertaintyVsNPlot(result).spec.layer.length // 2 with a reference, 1 without
 */
export function uncertaintyVsNPlot(result: ScalePullsResult): PlotSpec {
  const points = [
    ...result.processes.map((p) => ({
      n: p.nFinal,
      uncertainty: p.relUncUp,
      series: p.group === 'qcd' ? 'QCD-only final state' : p.multiBoson ? 'electroweak multi-boson' : 'electroweak',
      process: p.process,
    })),
    ...(result.reference?.processes ?? []).map((p) => ({ n: p.nFinal, uncertainty: p.relUncUp, series: 'QCD reference process', process: p.process })),
  ];
  const maxN = Math.max(1, ...points.map((p) => p.n));
  const x = { field: 'n', type: 'quantitative', title: 'final-state particles n', axis: { tickMinStep: 1 }, scale: { domain: [0.5, maxN + 0.5] } };
  const y = { field: 'uncertainty', type: 'quantitative', title: 'Δσ+/σ0 (LO)', scale: { type: 'log' } };
  const layers: Record<string, unknown>[] = [
    {
      data: { values: points },
      mark: { type: 'point', filled: true, size: 60 },
      encoding: { x, y, color: { field: 'series', type: 'nominal', title: null, legend: { orient: 'bottom', labelLimit: 0 } }, tooltip: [{ field: 'process' }, { field: 'uncertainty', format: '.3g' }] },
    },
  ];
  const average = result.reference?.qcdPerParticle;
  if (average) {
    const line = [1, maxN].map((n) => ({ n, uncertainty: n * average.up }));
    layers.push({
      data: { values: line },
      mark: { type: 'line', color: 'black', strokeDash: [4, 3] },
      encoding: { x, y },
    });
  }
  return {
    name: 'uncertainty-vs-n',
    title: 'LO scale uncertainty vs number of final-state particles',
    spec: {
      $schema: VEGA_LITE_SCHEMA,
      title: {
        text: 'LO scale uncertainty vs final-state multiplicity',
        subtitle: average ? `dashed: reference method n × ${formatWithError(average.up, average.upError)} (QCD per-particle average)` : 'plain scale variation',
      },
      width: 480,
      height: 280,
      layer: layers,
    },
  };
}
