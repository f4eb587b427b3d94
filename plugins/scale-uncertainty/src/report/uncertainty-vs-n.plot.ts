import type { PlotSpec } from '@hepuq/core';
import type { ScalePullsResult } from '../analysis/scale-pulls.result.js';

/**
 * Upward LO scale uncertainty Δσ+/σ0 against the number of final-state particles n, per process and
 * group, with the reference-process line n <Δσ+/(n σ0)>_QCD when the reference method ran.
 * @example uncertaintyVsNPlot(result).spec.layer.length // 2 with a reference, 1 without
 */
export function uncertaintyVsNPlot(result: ScalePullsResult): PlotSpec {
  const points = result.processes.map((p) => ({
    n: p.nFinal,
    uncertainty: p.relUncUp,
    series: p.group === 'qcd' ? 'QCD-only final state' : p.multiBoson ? 'electroweak multi-boson' : 'electroweak',
    process: p.process,
  }));
  const x = { field: 'n', type: 'quantitative', title: 'final-state particles n', axis: { tickMinStep: 1 } };
  const y = { field: 'uncertainty', type: 'quantitative', title: 'Δσ+/σ0 (LO)', scale: { type: 'log' } };
  const layers: Record<string, unknown>[] = [
    {
      data: { values: points },
      mark: { type: 'point', filled: true, size: 60 },
      encoding: { x, y, color: { field: 'series', type: 'nominal', title: null }, tooltip: [{ field: 'process' }, { field: 'uncertainty', format: '.3g' }] },
    },
  ];
  const average = result.reference?.qcdPerParticle;
  if (average) {
    const ns = result.processes.map((p) => p.nFinal);
    const line = [Math.min(1, ...ns), Math.max(...ns)].map((n) => ({ n, uncertainty: n * average.up }));
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
      $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
      title: {
        text: 'LO scale uncertainty vs final-state multiplicity',
        subtitle: average ? `dashed: reference method n × ${average.up.toPrecision(3)} (QCD per-particle average)` : 'plain scale variation',
      },
      width: 480,
      height: 280,
      layer: layers,
    },
  };
}
