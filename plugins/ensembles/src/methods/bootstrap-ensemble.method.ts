import { ensembleMethod } from './ensemble-method.js';
import {
  BOOTSTRAP_ENSEMBLE, BOOTSTRAP_ENSEMBLE_CLASSIFIER, BootstrapEnsembleClassifierOptions, BootstrapEnsembleOptions,
} from './ensemble-options.js';

/**
 * Bootstrap ensemble: member m trains on the sample with event weights w_i k_mi, k_mi ~ Poisson(1),
 * from ONE fixed initialisation and one minibatch order, so the member spread measures the
 * statistics of the training sample only (`varyInit: true` adds the initialisation component).
 * @example registries.methods.add(BOOTSTRAP_ENSEMBLE, bootstrapEnsembleMethod)
 */
export const bootstrapEnsembleMethod = ensembleMethod({
  key: BOOTSTRAP_ENSEMBLE,
  kind: 'bootstrap',
  task: 'regression',
  description: 'Poisson-bootstrap ensemble of heteroscedastic MLPs with a fixed init: sigma_stat from training-sample statistics',
  options: BootstrapEnsembleOptions,
});

/** Poisson-bootstrap ensemble of classifiers with a fixed init. */
export const bootstrapEnsembleClassifierMethod = ensembleMethod({
  key: BOOTSTRAP_ENSEMBLE_CLASSIFIER,
  kind: 'bootstrap',
  task: 'classification',
  description: 'Poisson-bootstrap ensemble of MLP classifiers with a fixed init: sigma_prob from training-sample statistics',
  options: BootstrapEnsembleClassifierOptions,
});
