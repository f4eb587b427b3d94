import { pav } from '@hepuq/stats';

/** A stretch of the grid where a curve that should rise does not: from `low` to `high` in y, falling by `drop` in x. */
export interface NonMonotoneRange {
  low: number;
  high: number;
  drop: number;
}

/**
 * Where x_k fails to rise along the y grid: consecutive non-rising steps merged into ranges of y,
 * each with how far x falls (x at the start minus the lowest x in the range). Empty for a strictly
 * rising curve.
 * @example nonMonotoneRanges(y, x) // [{ low: 45.2, high: 51.7, drop: 0.8 }]
 */
export function nonMonotoneRanges(y: ArrayLike<number>, x: ArrayLike<number>): NonMonotoneRange[] {
  const ranges: NonMonotoneRange[] = [];
  let open: NonMonotoneRange | undefined;
  let start = 0;
  for (let k = 1; k < x.length; k++) {
    if (!(x[k] > x[k - 1])) {
      if (!open) {
        start = x[k - 1];
        open = { low: y[k - 1], high: y[k], drop: 0 };
        ranges.push(open);
      }
      open.high = y[k];
      open.drop = Math.max(open.drop, start - x[k]);
    } else {
      open = undefined;
    }
  }
  return ranges;
}

/** Ranges as message text: `y in [45.2, 51.7] (x falls by 0.8)`, at most `max` of them. */
export function rangesText(ranges: readonly NonMonotoneRange[], max = 3): string {
  const shown = ranges.slice(0, max).map((r) => `y in [${fmt(r.low)}, ${fmt(r.high)}] (x falls by ${fmt(r.drop)})`);
  return ranges.length > max ? `${shown.join(', ')} and ${ranges.length - max} more` : shown.join(', ');
}

const fmt = (v: number) => Number(v.toPrecision(4)).toString();

/**
 * A strictly rising version of x_k: the isotonic (PAV, equal weights) fit, then a floor of
 * `minSlope` times the mean slope added so that flat stretches still rise; the inverse is then
 * single-valued, and its derivative, large where the fit is flat, makes the propagated uncertainty
 * honest about the ambiguity there.
 * @example const repaired = monotoneRepair(y, x) // x itself when it already rises
 */
export function monotoneRepair(y: ArrayLike<number>, x: ArrayLike<number>, minSlope = 1e-3): Float64Array {
  const n = x.length;
  const fit = pav(Float64Array.from(y), Float64Array.from(x), new Float64Array(n).fill(1));
  const out = new Float64Array(n);
  let block = 0;
  for (let k = 0; k < n; k++) {
    while (block < fit.y.length - 1 && y[k] > fit.xHigh[block]) block++;
    out[k] = fit.y[block];
  }
  const mean = Math.abs(out[n - 1] - out[0]) / Math.max(y[n - 1] - y[0], Number.MIN_VALUE) || 1;
  for (let k = 1; k < n; k++) {
    const floor = out[k - 1] + minSlope * mean * (y[k] - y[k - 1]);
    if (out[k] < floor) out[k] = floor;
  }
  return out;
}
