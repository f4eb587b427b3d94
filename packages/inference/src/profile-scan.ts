import { HepuqError } from '@hepuq/core';
import { fitConfig, type FitConfig } from './fit-config.js';
import type { HistFactoryModel } from './histfactory-model.js';
import { minimizeNll } from './maximum-likelihood.js';

/** A 1-D profile-likelihood scan. */
export interface ProfileScan1D {
  parameter: string;
  values: number[];
  /** -2 ln lambda(x) = -2 ln L(x, theta-hat-hat(x)) + 2 ln L(x-hat, theta-hat) at each value (>= 0 up to fit precision). */
  deltaTwiceNll: number[];
  /** Profiled best-fit values of every parameter at each scan point. */
  profiled: number[][];
  bestfit: number;
  twiceNllMin: number;
  /** Where -2 ln lambda crosses 1 (68.3% CL) and 3.84 (95% CL), by linear interpolation; null where the grid does not reach the crossing. */
  interval68: [number | null, number | null];
  interval95: [number | null, number | null];
}

/** A 2-D profile-likelihood scan on a grid x by y (row-major: deltaTwiceNll[i][j] at (x_i, y_j)). */
export interface ProfileScan2D {
  parameters: [string, string];
  x: number[];
  y: number[];
  deltaTwiceNll: number[][];
  bestfit: [number, number];
  twiceNllMin: number;
}

/** Linear grid `lo:hi:n` as `hepuq scan --range` takes it. */
export function linspace(lo: number, hi: number, n: number): number[] {
  if (!(n >= 2) || !Number.isInteger(n)) throw new HepuqError('InvalidArgument', `a scan grid needs an integer number of points >= 2, got ${n}`);
  return Array.from({ length: n }, (_, i) => lo + ((hi - lo) * i) / (n - 1));
}

function crossing(values: number[], delta: number[], level: number, side: -1 | 1, iMin: number): number | null {
  for (let i = iMin; i + side >= 0 && i + side < values.length; i += side) {
    const d0 = delta[i];
    const d1 = delta[i + side];
    if (d0 < level && d1 >= level) return values[i] + ((level - d0) * (values[i + side] - values[i])) / (d1 - d0);
  }
  return null;
}

/**
 * Profile-likelihood scan of one parameter: at each value the parameter is fixed and all others are
 * re-fitted (warm-started from the previous point), giving -2 ln lambda(x) and its 68%/95% crossings
 * (Wilks: -2 ln lambda ~ chi^2_1, thresholds 1 and 3.84).
 * @example const s = profileScan1D(model, data, 'mu', linspace(0, 3, 31));
 */
export function profileScan1D(model: HistFactoryModel, data: ArrayLike<number>, parameter: string, values: readonly number[], cfg: FitConfig = fitConfig(model)): ProfileScan1D {
  const p = model.parameterIndex(parameter);
  if (values.length === 0) throw new HepuqError('InvalidArgument', `scan of "${parameter}" needs at least one value`);
  const free = minimizeNll(model, data, cfg);
  const twice: number[] = [];
  const profiled: number[][] = [];
  let start = free.pars;
  for (const v of values) {
    const init = start.slice();
    const fixed = cfg.fixed.slice();
    init[p] = v;
    fixed[p] = 1;
    const r = minimizeNll(model, data, { ...cfg, init, fixed });
    twice.push(r.twiceNll);
    profiled.push(Array.from(r.pars));
    start = r.pars;
  }
  const twiceNllMin = Math.min(free.twiceNll, ...twice);
  const deltaTwiceNll = twice.map((t) => t - twiceNllMin);
  const iMin = deltaTwiceNll.indexOf(Math.min(...deltaTwiceNll));
  const band = (level: number): [number | null, number | null] => [crossing([...values], deltaTwiceNll, level, -1, iMin), crossing([...values], deltaTwiceNll, level, 1, iMin)];
  return {
    parameter, values: [...values], deltaTwiceNll, profiled, bestfit: free.pars[p], twiceNllMin,
    interval68: band(1), interval95: band(3.841458820694124),
  };
}

/**
 * Profile-likelihood scan of two parameters on the grid x by y (e.g. the (mu, Z) plane of an
 * uncertainty-aware analysis); each point re-fits all other parameters. Contours of -2 ln lambda at
 * 2.30 and 5.99 are the 68% and 95% CL regions (chi^2_2).
 * @example const s = profileScan2D(model, data, ['mu', 'alpha_jes'], linspace(0, 2, 21), linspace(-2, 2, 21));
 */
export function profileScan2D(
  model: HistFactoryModel,
  data: ArrayLike<number>,
  parameters: readonly [string, string],
  x: readonly number[],
  y: readonly number[],
  cfg: FitConfig = fitConfig(model),
): ProfileScan2D {
  const px = model.parameterIndex(parameters[0]);
  const py = model.parameterIndex(parameters[1]);
  if (px === py) throw new HepuqError('InvalidArgument', `a 2-D scan needs two different parameters, got "${parameters[0]}" twice`);
  const free = minimizeNll(model, data, cfg);
  const twice: number[][] = [];
  let rowStart = free.pars;
  for (const xv of x) {
    const row: number[] = [];
    let start = rowStart;
    for (const [j, yv] of y.entries()) {
      const init = start.slice();
      const fixed = cfg.fixed.slice();
      init[px] = xv;
      init[py] = yv;
      fixed[px] = 1;
      fixed[py] = 1;
      const r = minimizeNll(model, data, { ...cfg, init, fixed });
      row.push(r.twiceNll);
      start = r.pars;
      if (j === 0) rowStart = r.pars;
    }
    twice.push(row);
  }
  const twiceNllMin = Math.min(free.twiceNll, ...twice.flat());
  return {
    parameters: [parameters[0], parameters[1]],
    x: [...x], y: [...y],
    deltaTwiceNll: twice.map((row) => row.map((t) => t - twiceNllMin)),
    bestfit: [free.pars[px], free.pars[py]],
    twiceNllMin,
  };
}
