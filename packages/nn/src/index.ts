import 'reflect-metadata';

export { nnPlugin, nnPlugin as default, NN_PLUGIN_NAME } from './nn.plugin.js';

// network runtime
export { type MlpArchitecture, type Activation, initMlpArrays, mlpForward, mlpVariables, mlpLayerShapes } from './nn/mlp.js';
export { MlpOptions } from './nn/mlp-options.js';

// network bodies
export { DenseNetwork } from './network/dense-network.js';
export { NetworkModel, readNetworkModel, legacyMlpSpec, type NetworkModelSpec } from './network/network-model.js';
export { BUILTIN_NETWORKS, resolveNetworkBody, planNetwork } from './network/network-bodies.js';
export { mlpBody, MLP_BODY, MlpBodyOptions } from './network/mlp.body.js';
export { deepSetsBody, pfnBody, efnBody, DEEP_SETS, PFN, EFN } from './network/set-body.js';
export { poolParticles, appendColumns } from './network/set-pooling.js';
export { stackPrefix, inputTensors, gatherInputs, evaluateNetwork } from './network/network-inputs.js';
export { GraphBuilder, GRAPH_OPSET } from './export/graph-builder.js';
export { networkGraph, standardizeNode, channelNode, stackWeightsOf, type StackWeights } from './export/network-graph.js';
export { regressionGraph, classificationGraph, multiclassGraph, type GraphModel } from './export/model-graphs.js';
export { fitStandardizer, standardize, type Standardizer } from './nn/standardizer.js';
export { FlatAdam } from './nn/flat-adam.js';
export { trainLoop, trainLoopOverRows, type BatchLoss, type TrainLoopOptions, type TrainTensors, type TrainResult } from './nn/train-loop.js';
export { trainTensors, trainWeights, disposeTrainTensors, MIN_TRAIN_EVENTS } from './nn/dataset-tensors.js';
export { posteriorMoments, posteriorProbMoments, type DrawSpread } from './nn/posterior-moments.js';
export { predictiveStatScale } from './nn/predictive-stat-scale.js';
export { evaluateInChunks, eventsPerChunk, splitRows, FLOATS_PER_CHUNK, type ChunkInput } from './nn/chunked-evaluation.js';
export { modelInputs } from './nn/model-inputs.js';

// losses
export { hetGaussianNll, diagGaussianNll, headGaussianNll, HET_GAUSSIAN_NLL } from './loss/het-gaussian-nll.loss.js';
export { softBound, softBoundWithSlope, boundLogSigma, LOG_SIGMA_MIN, LOG_SIGMA_MAX, type LogSigmaBound } from './loss/log-sigma-bound.js';
export { weightedBce, WEIGHTED_BCE } from './loss/weighted-bce.loss.js';
export { weightedSoftmaxCe, WEIGHTED_SOFTMAX_CE } from './loss/weighted-softmax-ce.loss.js';

// classes
export { ClassesOption, classLabels, checkedLabels, balancedWeights, savedClasses, MAX_CLASSES, type ClassLabels } from './classes/class-labels.js';
export { multiclassMoments, multiclassPrediction } from './classes/multiclass-moments.js';

// methods
export { hetMlpMethod, HET_MLP, HetMlpOptions } from './methods/het-mlp.method.js';
export { regressionTargets, regressionOutputs, targetScale, savedTargetFields, savedTargetScales, savedLogSigmaBound, gaussianHeadColumns, targetsPrediction, toTargetUnits, MAX_TARGETS, type TargetScale, type SavedTargets } from './targets/regression-targets.js';
export { mlpClassifierMethod, MLP_CLASSIFIER, MlpClassifierOptions, classOutputs } from './methods/mlp-classifier.method.js';
