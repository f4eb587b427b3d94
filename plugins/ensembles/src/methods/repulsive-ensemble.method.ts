import { ensembleMethod } from './ensemble-method.js';
import {
  REPULSIVE_ENSEMBLE, REPULSIVE_ENSEMBLE_CLASSIFIER, RepulsiveEnsembleClassifierOptions, RepulsiveEnsembleOptions,
} from './ensemble-options.js';

/**
 * Repulsive ensemble: members trained jointly along the kernelised gradient flow
 * d theta_m/dt = -grad[log sum_j k(theta_m, theta_j) - log p(theta_m|x_train)] (Plehn 2025 seed talk;
 * D'Angelo & Fortuin 2106.11642), RBF kernel in function or weight space with the median bandwidth,
 * so the ensemble approximates the posterior instead of collapsing onto one mode.
 * @example registries.methods.add(REPULSIVE_ENSEMBLE, repulsiveEnsembleMethod)
 */
export const repulsiveEnsembleMethod = ensembleMethod({
  key: REPULSIVE_ENSEMBLE,
  kind: 'repulsive',
  task: 'regression',
  description: 'repulsive ensemble (kernelised gradient flow to the posterior) of heteroscedastic MLPs, trained jointly',
  options: RepulsiveEnsembleOptions,
});

/** Repulsive ensemble of classifiers. */
export const repulsiveEnsembleClassifierMethod = ensembleMethod({
  key: REPULSIVE_ENSEMBLE_CLASSIFIER,
  kind: 'repulsive',
  task: 'classification',
  description: 'repulsive ensemble (kernelised gradient flow to the posterior) of MLP classifiers, trained jointly',
  options: RepulsiveEnsembleClassifierOptions,
});
