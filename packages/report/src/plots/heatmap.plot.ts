import { HepuqError, VEGA_LITE_SCHEMA, type PlotSpec } from '@hepuq/core';
import { MAX_PLOT_POINTS, trim } from './plot-data.js';
import { quant } from './vega-lite-helpers.js';

export interface HeatmapInput {
  name: string;
  title: string;
  xTitle: string;
  yTitle: string;
  colorTitle: string;
  xEdges: ArrayLike<number>;
  yEdges: ArrayLike<number>;
  /** nx * ny cell values, x-major: value of cell (ix, iy) at index ix * ny + iy. */
  values: ArrayLike<number>;
  maxPoints?: number;
  /** Vega colour scheme (default viridis; use 'redblue' with a symmetric domain for signed maps). */
  scheme?: string;
}

/** Merge f × f blocks of cells (mean of the finite cells) so the grid has at most `max` cells. */
function coarsen(input: HeatmapInput, max: number): { xe: number[]; ye: number[]; v: number[][] } {
  const nx = input.xEdges.length - 1;
  const ny = input.yEdges.length - 1;
  const f = Math.max(1, Math.ceil(Math.sqrt((nx * ny) / max)));
  const xe = Array.from({ length: Math.ceil(nx / f) }, (_, i) => input.xEdges[i * f]).concat(input.xEdges[nx]);
  const ye = Array.from({ length: Math.ceil(ny / f) }, (_, j) => input.yEdges[j * f]).concat(input.yEdges[ny]);
  const v = Array.from({ length: xe.length - 1 }, (_, I) =>
    Array.from({ length: ye.length - 1 }, (_, J) => {
      let sum = 0;
      let count = 0;
      for (let i = I * f; i < Math.min(nx, (I + 1) * f); i++) {
        for (let j = J * f; j < Math.min(ny, (J + 1) * f); j++) {
          const x = input.values[i * ny + j];
          if (Number.isFinite(x)) { sum += x; count++; }
        }
      }
      return count > 0 ? sum / count : Number.NaN;
    }),
  );
  return { xe, ye, v };
}

/**
 * A 2-D heat map over binned phase space (uncertainty maps, densities, likelihood surfaces).
 * Grids finer than `maxPoints` cells are averaged over square blocks of cells.
 * @example heatmapPlot({ name: 'sigma-map', title: 'σ_tot over phase space', xTitle: 'x1', yTitle: 'x2', colorTitle: 'σ_tot', xEdges, yEdges, values })
 */
export function heatmapPlot(input: HeatmapInput): PlotSpec {
  const nx = input.xEdges.length - 1;
  const ny = input.yEdges.length - 1;
  if (nx < 1 || ny < 1 || input.values.length !== nx * ny) {
    throw new HepuqError('ShapeMismatch', `heat map "${input.name}": ${input.values.length} values for a ${nx} x ${ny} grid`);
  }
  const { xe, ye, v } = coarsen(input, input.maxPoints ?? MAX_PLOT_POINTS);
  const rows = v.flatMap((col, i) => col.map((z, j) => ({ x: trim(xe[i]), x2: trim(xe[i + 1]), y: trim(ye[j]), y2: trim(ye[j + 1]), z: trim(z) })));
  return {
    name: input.name,
    title: input.title,
    spec: {
      $schema: VEGA_LITE_SCHEMA,
      data: { values: rows },
      transform: [{ filter: 'isValid(datum.z)' }],
      mark: { type: 'rect' },
      encoding: {
        x: quant('x', input.xTitle, { scale: { zero: false, nice: false }, axis: { tickCount: 8 } }),
        x2: { field: 'x2' },
        y: quant('y', input.yTitle, { scale: { zero: false, nice: false }, axis: { tickCount: 8 } }),
        y2: { field: 'y2' },
        color: quant('z', input.colorTitle, { scale: { scheme: input.scheme ?? 'viridis' }, legend: { orient: 'right', direction: 'vertical', gradientLength: 200 } }),
      },
    },
  };
}
