export { bnn, BnnPluginOptions } from './bnn.plugin.js';
export { default } from './bnn.plugin.js';
export { BNN_PLUGIN_NAME, BNN_VERSION } from './plugin-meta.js';

export { bnnMethod, BNN } from './methods/bnn.method.js';
export { bnnClassifierMethod, BNN_CLASSIFIER } from './methods/bnn-classifier.method.js';
export { mcDropoutMethod, MC_DROPOUT } from './methods/mc-dropout.method.js';
export { mcDropoutClassifierMethod, MC_DROPOUT_CLASSIFIER } from './methods/mc-dropout-classifier.method.js';
export { bnnFlowMethod, BNN_FLOW } from './methods/bnn-flow.method.js';
export { BnnFlowOptions } from './methods/bnn-flow-options.js';
export { BnnFlowModel, type FlowSpec, type DensityEstimate } from './flow/flow-model.js';
export { BayesianFlow, couplingSplit, type FlowArchitecture, type FlowVariational } from './flow/bayesian-flow.js';
export { rqSplineForward, rqSplineInverse, splineParamCount, type SplineShape } from './flow/rq-spline.js';
export { affineForward, affineInverse } from './flow/affine-coupling.js';
export { fitFeatureMap, applyFeatureMap, invertFeatureMap, type FeatureMap } from './flow/feature-map.js';
export { BnnOptions, BnnClassifierOptions, McDropoutOptions, McDropoutClassifierOptions } from './methods/bnn-options.js';

export { elbo, ELBO } from './model/elbo.loss.js';
export { StochasticModel } from './model/stochastic-model.js';
export type { StochasticSpec, NetworkSpec, HeadSpec } from './model/model-spec.js';
export { averageMixture } from './model/predictive-moments.js';
export { boostFactors, type BoostOptions } from './training/boost.js';

export { VariationalMlp, type VariationalInit, type VariationalLayer } from './network/variational-mlp.js';
export { DropoutMlp, type DropoutInit } from './network/dropout-mlp.js';
export type { StochasticNetwork, DrawSet, TrainPass } from './network/stochastic-network.js';
export { gaussianKl, softplusInverse } from './variational/gaussian-kl.js';
export { variationalTerms } from './variational/variational-terms.js';
export { VariationalParameters } from './variational/variational-parameters.js';
export { mlpFlatLayout, splitFlat, type FlatLayout } from './variational/flat-layout.js';
export { gaussianHead } from './heads/gaussian.head.js';
export { mixtureHead, mixtureComponents } from './heads/mixture.head.js';
export { bernoulliHead } from './heads/bernoulli.head.js';
export type { Head, RegressionHead, ClassificationHead } from './heads/head.js';
export { NoiseSource } from './random/noise-source.js';
export { uncertaintyMapReportSection, BNN_UNCERTAINTY_MAP } from './report/uncertainty-map.report-section.js';
