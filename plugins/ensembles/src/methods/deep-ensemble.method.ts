import { ensembleMethod } from './ensemble-method.js';
import { DEEP_ENSEMBLE, DEEP_ENSEMBLE_CLASSIFIER, DeepEnsembleClassifierOptions, DeepEnsembleOptions } from './ensemble-options.js';

/**
 * Deep ensemble (Lakshminarayanan et al. 1612.01474): M heteroscedastic MLPs from independent
 * initialisations (and, by default, independent minibatch orders); sigma_stat = member spread,
 * sigma_syst = rms of the learned widths.
 * @example registries.methods.add(DEEP_ENSEMBLE, deepEnsembleMethod)
 */
export const deepEnsembleMethod = ensembleMethod({
  key: DEEP_ENSEMBLE,
  kind: 'deep',
  task: 'regression',
  description: 'deep ensemble of heteroscedastic MLPs, trained stacked: sigma_stat = member spread (Student-t predictive from 4 members), sigma_syst = mean learned width',
  options: DeepEnsembleOptions,
});

/** Deep ensemble of sigmoid classifiers: prob = member mean, sigma_prob = member std. */
export const deepEnsembleClassifierMethod = ensembleMethod({
  key: DEEP_ENSEMBLE_CLASSIFIER,
  kind: 'deep',
  task: 'classification',
  description: 'deep ensemble of MLP classifiers (sigmoid, or softmax for K >= 3 classes), trained stacked: prob = member mean, sigma_prob = member std',
  options: DeepEnsembleClassifierOptions,
});
