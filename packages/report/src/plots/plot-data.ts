import { argsort } from '@hepuq/stats';
import { numericColumn } from './columns.js';

/** Default cap on data rows per plot, so a report with a dozen plots stays well under a few MB. */
export const MAX_PLOT_POINTS = 2000;

/**
 * At most `max` indices into `0..n-1`, evenly strided and deterministic (no Rng needed: a test set
 * is already in shuffled order, and a sorted order keeps its shape under a uniform stride).
 */
export function strideIndices(n: number, max: number = MAX_PLOT_POINTS): Int32Array {
  if (n <= max) return Int32Array.from({ length: n }, (_, i) => i);
  const out = new Int32Array(max);
  const step = (n - 1) / (max - 1);
  for (let k = 0; k < max; k++) out[k] = Math.round(k * step);
  return out;
}

/**
 * At most `max` event indices in ascending order of `x` (ties keep their original order), evenly
 * strided along that order: the rows of a curve drawn along x.
 */
export function sortedStrideIndices(x: ArrayLike<number>, max: number = MAX_PLOT_POINTS): Uint32Array {
  const order = argsort(numericColumn(x));
  return Uint32Array.from(strideIndices(order.length, max), (k) => order[k]);
}

/** A number trimmed to 5 significant digits for plot data (the SVG resolution is far coarser). */
export function trim(x: number): number | null {
  return Number.isFinite(x) ? Number(x.toPrecision(5)) : null;
}

/** An axis title with its unit in brackets, e.g. `p_T [GeV]`. */
export function withUnit(name: string, unit?: string): string {
  return unit ? `${name} [${unit}]` : name;
}
