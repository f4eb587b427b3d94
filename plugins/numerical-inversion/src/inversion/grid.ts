import { HepuqError } from '@hepuq/core';
import { PLUGIN_NAME } from '../plugin-meta.js';
import { fromInput, inputValue, type InputScale } from '../response/parameterisation.js';
import type { InversionGrid } from '../method/numerical-inversion.options.js';

/**
 * The grid's ends: `grid.min`/`grid.max`, else the range of the training y. A log input needs a
 * positive lower end.
 */
export function gridRange(trainY: Float32Array, grid: InversionGrid, scale: InputScale): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of trainY) {
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  const range: [number, number] = [grid.min ?? lo, grid.max ?? hi];
  if (!(range[0] < range[1])) {
    throw new HepuqError('InvalidConfig', `method.options.grid: the y grid [${range[0]}, ${range[1]}] is empty`, {
      hint: 'Give grid.min < grid.max, or train on events with more than one value of y.', plugin: PLUGIN_NAME,
    });
  }
  if (scale === 'log' && !(range[0] > 0)) {
    throw new HepuqError('InvalidConfig', `method.options.grid.min: ${range[0]} with \`inputScale: log\`, which needs y > 0`, { plugin: PLUGIN_NAME });
  }
  return range;
}

/** `points` values of y from `range[0]` to `range[1]`, evenly spaced in the inner network's input (log y or y). */
export function gridPoints(range: readonly [number, number], points: number, scale: InputScale): Float64Array {
  const [a, b] = [inputValue(scale, range[0]), inputValue(scale, range[1])];
  const y = Float64Array.from({ length: points }, (_, k) => fromInput(scale, a + ((b - a) * k) / (points - 1)));
  y[0] = range[0];
  y[points - 1] = range[1];
  return y;
}
