import { HepuqError } from '@hepuq/core';
import { fitConfig, type FitConfig } from './fit-config.js';
import type { HistFactoryModel } from './histfactory-model.js';
import { fixedPoiFit, minimizeNll, type MinimumResult } from './maximum-likelihood.js';

/** Profile-likelihood test statistics (Cowan, Cranmer, Gross, Vitells, arXiv:1007.1727). */
export type TestStatistic = 'qtilde' | 'q' | 'q0';
export const TEST_STATISTICS: readonly TestStatistic[] = ['qtilde', 'q', 'q0'];

/** A test statistic with the two fits behind it. */
export interface TestStatValue {
  value: number;
  muHat: number;
  /** Fit with the POI fixed at the tested value (theta-hat-hat). */
  conditional: MinimumResult;
  /** Fit with the POI free (mu-hat, theta-hat). */
  unconditional: MinimumResult;
}

function requirePoi(model: HistFactoryModel, cfg: FitConfig): void {
  if (cfg.fixed[model.poiIndex]) {
    throw new HepuqError('InvalidArgument', `the POI "${model.poiName}" is fixed in the fit configuration; a test statistic needs it free`);
  }
}

/** t_mu = -2 ln lambda(mu) = max(0, -2 ln L(mu, theta-hat-hat) + 2 ln L(mu-hat, theta-hat)) — 1007.1727 eq. 8. */
export function tmu(model: HistFactoryModel, data: ArrayLike<number>, mu: number, cfg: FitConfig = fitConfig(model)): TestStatValue {
  requirePoi(model, cfg);
  const conditional = fixedPoiFit(model, data, mu, cfg);
  const unconditional = minimizeNll(model, data, cfg);
  const value = Math.max(0, conditional.twiceNll - unconditional.twiceNll);
  return { value, muHat: unconditional.pars[model.poiIndex], conditional, unconditional };
}

/**
 * q_mu = t_mu for mu-hat <= mu, else 0 — 1007.1727 eq. 14 (one-sided, for upper limits). mu-hat is
 * taken within the POI bounds of `cfg`, as pyhf and RooStats do.
 * @example const { value } = qmu(model, data, 1.0);
 */
export function qmu(model: HistFactoryModel, data: ArrayLike<number>, mu: number, cfg: FitConfig = fitConfig(model)): TestStatValue {
  const t = tmu(model, data, mu, cfg);
  return t.muHat > mu ? { ...t, value: 0 } : t;
}

/**
 * q~_mu, the one-sided statistic for a POI that cannot be negative — 1007.1727 eq. 16: the
 * unconditional fit is restricted to mu >= 0, so for mu-hat < 0 the denominator is L(0, theta-hat-hat(0)).
 * @example const { value } = qmuTilde(model, data, 1.0);
 */
export function qmuTilde(model: HistFactoryModel, data: ArrayLike<number>, mu: number, cfg: FitConfig = fitConfig(model)): TestStatValue {
  const lower = cfg.lower.slice();
  lower[model.poiIndex] = Math.max(0, lower[model.poiIndex]);
  return qmu(model, data, mu, { ...cfg, lower, init: clipPoiInit(cfg.init, model.poiIndex, lower[model.poiIndex]) });
}

function clipPoiInit(init: Float64Array, poi: number, lower: number): Float64Array {
  const out = init.slice();
  out[poi] = Math.max(out[poi], lower);
  return out;
}

/** q_0 = t_0 for mu-hat >= 0, else 0 — discovery statistic, 1007.1727 eq. 12. */
export function q0(model: HistFactoryModel, data: ArrayLike<number>, cfg: FitConfig = fitConfig(model)): TestStatValue {
  const t = tmu(model, data, 0, cfg);
  return t.muHat < 0 ? { ...t, value: 0 } : t;
}

/** Dispatch on the statistic's name (`mu` is ignored for q0, which always tests mu = 0). */
export function testStatistic(kind: TestStatistic, model: HistFactoryModel, data: ArrayLike<number>, mu: number, cfg?: FitConfig): TestStatValue {
  if (kind === 'q0') return q0(model, data, cfg);
  return kind === 'q' ? qmu(model, data, mu, cfg) : qmuTilde(model, data, mu, cfg);
}
