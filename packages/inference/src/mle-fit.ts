import { fitConfig, type FitOverrides } from './fit-config.js';
import type { HistFactoryModel } from './histfactory-model.js';
import { hesse } from './hesse.js';
import { minimizeNll } from './maximum-likelihood.js';

/** A maximum-likelihood fit with Hesse uncertainties. */
export interface FitResult {
  labels: string[];
  bestfit: number[];
  uncertainties: number[];
  correlation: number[][];
  covariance: number[][];
  /** -2 log L at the minimum (pyhf `twice_nll`). */
  twiceNll: number;
  /** Whether the Hessian at the minimum is positive definite. */
  covarianceValid: boolean;
  iterations: number;
  poi: { name: string; index: number; value: number; uncertainty: number };
}

/**
 * Unconditional maximum-likelihood fit of all non-fixed parameters within their bounds, with
 * Hesse uncertainties and correlations. Throws FitFailed when the minimiser does not converge.
 * @example
 * const r = mleFit(model, model.observedData(ws));
 * console.log(r.poi.value, '+-', r.poi.uncertainty);
 */
export function mleFit(model: HistFactoryModel, data: ArrayLike<number>, overrides: FitOverrides = {}): FitResult {
  const cfg = fitConfig(model, overrides);
  const min = minimizeNll(model, data, cfg);
  const h = hesse(model, data, min.pars, cfg);
  const bestfit = Array.from(min.pars);
  return {
    labels: [...model.labels],
    bestfit,
    uncertainties: h.uncertainties,
    correlation: h.correlation,
    covariance: h.covariance,
    twiceNll: min.twiceNll,
    covarianceValid: h.valid,
    iterations: min.iterations,
    poi: { name: model.poiName, index: model.poiIndex, value: bestfit[model.poiIndex], uncertainty: h.uncertainties[model.poiIndex] },
  };
}
