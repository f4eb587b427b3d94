import { HepuqError } from '@hepuq/core';
import type { AsymptoticOptions } from './asymptotic-calculator.js';
import { brentRoot } from './brent-root.js';
import type { HistFactoryModel } from './histfactory-model.js';
import { hypotest, type HypotestResult } from './hypotest.js';

/** Options of `upperLimit`. */
export interface UpperLimitOptions extends Omit<AsymptoticOptions, 'testStat'> {
  /** CLs level (default 0.05 for 95% CL). */
  level?: number;
  /** POI grid: when given, limits are the linear interpolation of CLs(mu) = level on it (pyhf's linear_grid_scan). */
  scan?: readonly number[];
  /** Initial bracket for root finding (default: the POI bounds, lower end at least 0); widened like pyhf's toms748_scan when it does not bracket. */
  bracket?: readonly [number, number];
  /** Relative tolerance of the root (default 1e-6). */
  rtol?: number;
  testStat?: 'qtilde' | 'q';
}

/** Observed and expected CLs upper limits on the POI. */
export interface UpperLimitResult {
  level: number;
  upperLimitObs: number;
  /** Expected limits [-2, -1, 0, +1, +2] sigma. */
  upperLimitExp: number[];
  /** Every hypothesis test evaluated, sorted by mu. */
  tests: HypotestResult[];
}

const curve = (r: HypotestResult, k: number): number => (k === 0 ? r.clsObs : r.clsExp[k - 1]);

/** mu where CLs crosses `level` on a grid, by linear interpolation between the first straddling pair (NaN if none). */
function interpolateCrossing(tests: HypotestResult[], k: number, level: number): number {
  for (let i = 0; i + 1 < tests.length; i++) {
    const y0 = curve(tests[i], k);
    const y1 = curve(tests[i + 1], k);
    if (y0 >= level && y1 < level) return tests[i].mu + ((level - y0) * (tests[i + 1].mu - tests[i].mu)) / (y1 - y0);
  }
  return NaN;
}

/**
 * CLs upper limits (95% CL by default): observed and the five expected limits solve CLs(mu) = level.
 * Without a grid each root is found by Brent's method on a bracket from the POI bounds, widened by
 * halving/doubling until CLs straddles the level (as pyhf's toms748_scan); with `scan` the limits are
 * interpolated on the grid (as pyhf's linear_grid_scan).
 * @example const { upperLimitObs, upperLimitExp } = upperLimit(model, data);
 */
export function upperLimit(model: HistFactoryModel, data: ArrayLike<number>, options: UpperLimitOptions = {}): UpperLimitResult {
  const level = options.level ?? 0.05;
  if (!(level > 0 && level < 1)) throw new HepuqError('InvalidArgument', `level must be in (0, 1), got ${level}`);
  const cache = new Map<number, HypotestResult>();
  const test = (mu: number): HypotestResult => {
    let r = cache.get(mu);
    if (!r) {
      r = hypotest(model, data, mu, { ...options, testStat: options.testStat ?? 'qtilde' });
      cache.set(mu, r);
    }
    return r;
  };
  const sorted = (): HypotestResult[] => [...cache.values()].sort((a, b) => a.mu - b.mu);
  if (options.scan) {
    if (options.scan.length < 2) throw new HepuqError('InvalidArgument', 'scan needs at least two POI values');
    options.scan.forEach((mu) => test(mu));
    const tests = sorted();
    return { level, upperLimitObs: interpolateCrossing(tests, 0, level), upperLimitExp: [1, 2, 3, 4, 5].map((k) => interpolateCrossing(tests, k, level)), tests };
  }
  let [lo, hi] = options.bracket ?? [Math.max(0, model.lower[model.poiIndex]), model.upper[model.poiIndex]];
  const all = (r: HypotestResult): number[] => [r.clsObs, ...r.clsExp];
  for (let k = 0; all(test(lo)).some((v) => v < level); k++) {
    if (k > 60) throw new HepuqError('FitFailed', `CLs stays below ${level} down to mu = ${lo}; no upper limit bracket`);
    lo = lo > 0 ? lo / 2 : lo - 1;
  }
  for (let k = 0; all(test(hi)).some((v) => v >= level); k++) {
    if (k > 30) throw new HepuqError('FitFailed', `CLs stays above ${level} up to mu = ${hi}; the model has no sensitivity`);
    hi = hi > 0 ? hi * 2 : 1;
  }
  const root = (k: number): number => {
    // tightest bracket among the points evaluated so far: the first mu with CLs below the level and the last one above it
    const pts = sorted();
    const ib = pts.findIndex((r) => curve(r, k) < level);
    let ia = ib - 1;
    while (ia > 0 && !(curve(pts[ia], k) >= level)) ia--;
    const a = pts[Math.max(ia, 0)].mu;
    const b = pts[ib].mu;
    return brentRoot((mu) => curve(test(mu), k) - level, a, b, { rtol: options.rtol ?? 1e-6, atol: 1e-10 });
  };
  const upperLimitObs = root(0);
  const upperLimitExp = [1, 2, 3, 4, 5].map(root);
  return { level, upperLimitObs, upperLimitExp, tests: sorted() };
}
