import { HepuqError } from '@hepuq/core';
import { fitConfig, type FitConfig } from './fit-config.js';
import type { HistFactoryModel } from './histfactory-model.js';
import { minimizeBounded, type MinimizeOptions } from './minimize-bounded.js';

/** Best-fit parameters of one minimisation of -2 log L. */
export interface MinimumResult {
  pars: Float64Array;
  /** -2 log L at the minimum, with all constants (pyhf's `twice_nll`). */
  twiceNll: number;
  iterations: number;
}

/**
 * Minimise -log L(theta | data) under `cfg` (bounds, fixed parameters); throws FitFailed when the
 * minimiser does not converge.
 * @example const { pars, twiceNll } = minimizeNll(model, data, fitConfig(model));
 */
export function minimizeNll(model: HistFactoryModel, data: ArrayLike<number>, cfg: FitConfig = fitConfig(model), options: MinimizeOptions = {}): MinimumResult {
  const r = minimizeBounded(model.objective(data), cfg.init, cfg.lower, cfg.upper, cfg.fixed, options);
  if (!r.converged) {
    throw new HepuqError('FitFailed', `maximum-likelihood fit of ${model.nPars} parameters did not converge after ${r.iterations} iterations: ${r.message}`);
  }
  return { pars: r.x, twiceNll: 2 * r.fun, iterations: r.iterations };
}

/**
 * Conditional fit with the POI fixed at `mu`: theta-hat-hat(mu) of the profile likelihood.
 * @example const { pars } = fixedPoiFit(model, data, 1.0);
 */
export function fixedPoiFit(model: HistFactoryModel, data: ArrayLike<number>, mu: number, cfg: FitConfig = fitConfig(model)): MinimumResult {
  const init = cfg.init.slice();
  const fixed = cfg.fixed.slice();
  init[model.poiIndex] = mu;
  fixed[model.poiIndex] = 1;
  return minimizeNll(model, data, { ...cfg, init, fixed });
}
