import 'reflect-metadata';

// plugin
export { pivotAdversary, pivotAdversary as default, PLUGIN_NAME, PIVOT_ADVERSARY_METHODS } from './pivot-adversary.plugin.js';
export { PivotAdversaryPluginOptions, PIVOT_ADVERSARY_METHOD_KEYS } from './pivot-adversary.options.js';

// methods, their registry keys and option schemas
export { PIVOT, PivotOptions } from './methods/pivot.options.js';
export { pivotMethod } from './methods/pivot.method.js';
export { DISCO, DiscoOptions } from './methods/disco.options.js';
export { discoMethod } from './methods/disco.method.js';
export { MODE, ModeOptions } from './methods/mode.options.js';
export { modeMethod } from './methods/mode.method.js';
export { AWARE_CLASSIFIER, AwareClassifierOptions } from './aware/aware-classifier.options.js';
export { awareClassifierMethod } from './aware/aware-classifier.method.js';
export { ClassifierOptions, PenaltyOptions, DecorrelateOn } from './options/decorrelation-options.js';
export { decorrelationMethod, type DecorrelationRecipe, type TrainInput } from './methods/classifier-recipe.js';

// models
export { DecorrelatedModel, type DecorrelatedSpec } from './model/decorrelated-model.js';
export { AwareModel, type AwareSpec } from './aware/aware-model.js';
export { isNuisanceAwareModel, type NuisanceAwareModel, type NuisancePrior } from './aware/nuisance-aware-model.js';
export { classifierDiagnostics, type DiagnosticsSpec } from './model/classifier-diagnostics.js';

// training
export { Adversary, adversaryModel, MAX_DISCRETE_VALUES, type AdversaryModel } from './adversary/adversary.js';
export { adversarialFit, type AdversarialFitOptions } from './training/adversarial-fit.js';
export { penalizedFit, type Penalty } from './training/penalized-fit.js';

// run steps and report
export { LAMBDA_SCAN, LambdaScanOptions, lambdaScanStep, type LambdaPoint } from './lambda-scan/lambda-scan.step.js';
export { DECORRELATION_SECTION, decorrelationReportSection } from './report/decorrelation.report-section.js';

// aware profile and third-sample steps
export { AWARE_PROFILE, AwareProfileOptions } from './profile/aware-profile.options.js';
export { awareProfileStep, AWARE_WORKSPACE_FILE, NOMINAL_WORKSPACE_FILE } from './profile/aware-profile.step.js';
export { profileClassifier, type ProfileContext, type ClassifierProfile } from './profile/classifier-profile.js';
export { gridProfile, twiceNllAt, type GridPoint, type GridProfile } from './profile/grid-profile.js';
export { profileWorkspace, SCORE_CHANNEL, POI } from './profile/profile-workspace.js';
export { fitProfileWorkspace, type WorkspaceFit } from './profile/workspace-fit.js';
export { THIRD_SAMPLE, ThirdSampleOptions, THIRD_SAMPLE_QUANTITIES, type ThirdSampleQuantity } from './third-sample/third-sample.options.js';
export { thirdSampleStep } from './third-sample/third-sample.step.js';
export { decorrelationCheck, type DecorrelationCheck } from './third-sample/decorrelation-check.js';

// penalties and diagnostics
export { distanceCorrelationSq, distanceCorrelationSq64 } from './penalties/distance-correlation.js';
export { modePenalty, ModePenaltyOptions } from './penalties/moment-decomposition.js';
export { aucByNuisance, flatness, chi2Survival, AucByNuisanceOptions, type NuisanceBin } from './diagnostics/auc-by-nuisance.js';
export { sculptingJsd, jsdBits, SculptingJsdOptions } from './diagnostics/sculpting-jsd.js';
export { nuisanceEntropy, NuisanceEntropyOptions, type NuisanceEntropy } from './diagnostics/nuisance-entropy.js';
