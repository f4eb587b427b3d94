import { HepuqError } from '@hepuq/core';
import { PLUGIN_NAME } from '../plugin-meta.js';
import type { ResponsePoints } from '../response/response-statistic.js';
import { MonotoneInverse } from './monotone-inverse.js';
import { monotoneRepair, nonMonotoneRanges, rangesText } from './monotonicity.js';

/** A learned response on a y grid, ready to invert: the statistic x(y), its sigma_stat and sigma_syst in x, and its inverse. */
export interface ResponseCurve {
  y: Float64Array;
  x: Float64Array;
  stat: Float64Array;
  syst: Float64Array;
  inverse: MonotoneInverse;
  /** Whether the learned curve did not rise everywhere and its isotonic fit is inverted instead (`strict: false`). */
  repaired: boolean;
  /** The inverse of each coherent replica's curve (its isotonic fit where it does not rise); absent without replicas. */
  replicas?: MonotoneInverse[];
  /** How many replica curves did not rise and were replaced by their isotonic fit. */
  repairedReplicas: number;
}

/** What a curve is called in messages, and how a failed one is reported. */
export interface CurveContext {
  /** e.g. `the learned median response x(y)` or `... at z = 0.3 (row 18)`. */
  what: string;
  strict: boolean;
  outside: 'extrapolate' | 'clamp';
  /** Called once per repaired curve with the warning text (`strict: false`). */
  warn?: (message: string) => void;
}

/**
 * The response on the grid `y` as an invertible curve: checked to rise strictly (a `NotInvertible`
 * error naming the y ranges where it does not, or with `strict: false` a warning and the isotonic fit),
 * and the replicas' curves (each replaced by its isotonic fit where it does not rise, and counted).
 * @example const curve = responseCurve(gridY, points, { what: 'the learned median response x(y)', strict: true, outside: 'extrapolate' })
 */
export function responseCurve(y: Float64Array, points: ResponsePoints, context: CurveContext): ResponseCurve {
  const ranges = nonMonotoneRanges(y, points.x);
  let x = points.x;
  if (ranges.length > 0) {
    const message = `${context.what} does not rise with y for ${rangesText(ranges)}, so its inverse is ambiguous there`;
    if (context.strict) {
      throw new HepuqError('NotInvertible', message, {
        hint: 'Train the response on more events or for longer (a smoother network: fewer units, tanh), narrow `grid.min`/`grid.max` to where it rises, '
          + 'or set `strict: false` to invert its isotonic (PAV) fit with a warning and large uncertainties where it is flat.',
        plugin: PLUGIN_NAME,
      });
    }
    context.warn?.(`${message}; inverting its isotonic fit instead (strict: false)`);
    x = monotoneRepair(y, points.x);
  }
  // a replica is one draw of the response: where it does not rise, its isotonic fit (counted, not an error)
  let repairedReplicas = 0;
  const replicas = points.replicas?.map((xr) => {
    const rises = nonMonotoneRanges(y, xr).length === 0;
    if (!rises) repairedReplicas++;
    return MonotoneInverse.of(rises ? xr : monotoneRepair(y, xr), y, context.outside);
  });
  return {
    y, x, stat: points.stat, syst: points.syst, inverse: MonotoneInverse.of(x, y, context.outside), repaired: ranges.length > 0,
    ...(replicas ? { replicas } : {}), repairedReplicas,
  };
}

/** Linear interpolation of `v` on the rising grid `y` at `at`, held at the ends. */
function onGrid(y: Float64Array, v: Float64Array, at: number): number {
  const n = y.length;
  if (at <= y[0]) return v[0];
  if (at >= y[n - 1]) return v[n - 1];
  let lo = 0;
  let hi = n - 1;
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (y[mid] <= at) lo = mid;
    else hi = mid;
  }
  const t = (at - y[lo]) / (y[hi] - y[lo]);
  return v[lo] + t * (v[hi] - v[lo]);
}

/** One inverted event: the calibrated y, its sigma_stat and sigma_syst, and whether x lay beyond the curve's range. */
export interface InvertedValue {
  y: number;
  stat: number;
  syst: number;
  outside: boolean;
}

/**
 * Invert the curve at the measured `x`: y = f^-1(x), and the uncertainties of x at that y divided by
 * the slope, sigma_y = sigma_x(y) |dy/dx| (the delta method), sigma_stat and sigma_syst separately.
 * @example invertAt(curve, 42).y
 */
export function invertAt(curve: ResponseCurve, x: number): InvertedValue {
  const { y, dydx } = curve.inverse.at(x);
  const slope = Math.abs(dydx);
  return { y, stat: onGrid(curve.y, curve.stat, y) * slope, syst: onGrid(curve.y, curve.syst, y) * slope, outside: curve.inverse.outsideRange(x) };
}
