import { normalPdf } from '@hepuq/stats';
import { type PlotSpec } from '@hepuq/core';

/** Bins per unit of pull. */
const BINS_PER_UNIT = 2;

/**
 * Histogram of pulls on [-range, range] (values outside land in the edge bins, so every process is
 * counted) with the unit-Gaussian expectation N Δt φ(t) drawn over it, as a Vega-Lite spec with inline data.
 * @example pullHistogramPlot(Float64Array.of(0.2, -1.1, 7), { name: 'pulls', title: 'Pulls', range: 4 })
 */
export function pullHistogramPlot(pulls: Float64Array, options: { name: string; title: string; range: number }): PlotSpec {
  const { range } = options;
  const nBins = Math.max(1, Math.round(2 * range * BINS_PER_UNIT));
  const width = (2 * range) / nBins;
  const counts = new Float64Array(nBins);
  for (const t of pulls) counts[Math.min(nBins - 1, Math.max(0, Math.floor((t + range) / width)))]++;
  const bins = Array.from(counts, (count, i) => ({ lo: -range + i * width, hi: -range + (i + 1) * width, count }));
  const curve = Array.from({ length: 161 }, (_, i) => {
    const t = -range + (i * 2 * range) / 160;
    return { t, expected: pulls.length * width * normalPdf(t) };
  });
  const x = { type: 'quantitative', title: 'pull t = (σ_NLO − σ_LO) / Δσ_LO', scale: { domain: [-range, range] } };
  return {
    name: options.name,
    title: options.title,
    spec: {
      $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
      title: { text: options.title, subtitle: `${pulls.length} processes; |t| > ${range} counted in the edge bins; line: unit Gaussian` },
      width: 480,
      height: 280,
      layer: [
        {
          data: { values: bins },
          mark: { type: 'bar', color: '#4c78a8', opacity: 0.8 },
          encoding: { x: { field: 'lo', bin: 'binned', ...x }, x2: { field: 'hi' }, y: { field: 'count', type: 'quantitative', title: 'processes' } },
        },
        {
          data: { values: curve },
          mark: { type: 'line', color: 'black' },
          encoding: { x: { field: 't', ...x }, y: { field: 'expected', type: 'quantitative' } },
        },
      ],
    },
  };
}
