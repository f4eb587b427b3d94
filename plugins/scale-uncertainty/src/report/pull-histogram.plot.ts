import { type PlotSpec } from '@hepuq/core';
import { pullHistogramSpec, unitGaussianCurve } from '@hepuq/report';

/** Bins per unit of pull. */
const BINS_PER_UNIT = 2;

/**
 * Histogram of pulls on [-range, range] (values outside land in the edge bins, so every process is
 * counted) with the unit-Gaussian expectation N Δt φ(t) drawn over it: @hepuq/report's standard pull
 * plot, in counts of processes.
 * @example pullHistogramPlot(Float64Array.of(0.2, -1.1, 7), { name: 'pulls', title: 'Pulls', range: 4 })
 */
export function pullHistogramPlot(pulls: Float64Array, options: { name: string; title: string; range: number }): PlotSpec {
  const { range } = options;
  const nBins = Math.max(1, Math.round(2 * range * BINS_PER_UNIT));
  const width = (2 * range) / nBins;
  const counts = new Float64Array(nBins);
  for (const t of pulls) counts[Math.min(nBins - 1, Math.max(0, Math.floor((t + range) / width)))]++;
  return pullHistogramSpec({
    bins: Array.from(counts, (value, i) => ({ lo: -range + i * width, hi: -range + (i + 1) * width, value })),
    gaussian: unitGaussianCurve(range, pulls.length * width, 161),
    xTitle: 'pull t = (σ_NLO − σ_LO) / Δσ_LO',
    yTitle: 'processes',
    label: 'processes',
    name: options.name,
    title: options.title,
    plotTitle: { text: options.title, subtitle: `${pulls.length} processes; |t| > ${range} counted in the edge bins; line: unit Gaussian` },
  });
}
