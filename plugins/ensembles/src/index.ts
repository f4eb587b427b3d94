export { ensembles, default, ENSEMBLE_METHODS } from './ensembles.plugin.js';
export { EnsemblesPluginOptions, ENSEMBLE_METHOD_KEYS } from './ensembles.options.js';
export { PLUGIN_NAME, PLUGIN_VERSION } from './plugin-meta.js';

// methods, their registry keys and option schemas
export {
  DEEP_ENSEMBLE, DEEP_ENSEMBLE_CLASSIFIER, BOOTSTRAP_ENSEMBLE, BOOTSTRAP_ENSEMBLE_CLASSIFIER, REPULSIVE_ENSEMBLE,
  REPULSIVE_ENSEMBLE_CLASSIFIER, DeepEnsembleOptions, DeepEnsembleClassifierOptions, BootstrapEnsembleOptions,
  BootstrapEnsembleClassifierOptions, RepulsiveEnsembleOptions, RepulsiveEnsembleClassifierOptions, type EnsembleOptions,
} from './methods/ensemble-options.js';
export { deepEnsembleMethod, deepEnsembleClassifierMethod } from './methods/deep-ensemble.method.js';
export { bootstrapEnsembleMethod, bootstrapEnsembleClassifierMethod } from './methods/bootstrap-ensemble.method.js';
export { repulsiveEnsembleMethod, repulsiveEnsembleClassifierMethod } from './methods/repulsive-ensemble.method.js';

// building blocks
export { EnsembleModel, type EnsembleSpec } from './model/ensemble-model.js';
export { StackedMlp } from './network/stacked-mlp.js';
export { StackedNetwork } from './network/stacked-network.js';
export { stackedMatMul, STACKED_MATMUL } from './network/stacked-matmul.js';
export { planMembers, poissonWeights, memberInit, type MemberPlan, type EnsembleKind } from './training/member-plan.js';
/** The health check's options live in core (one schema for ensembles, OmniFold and CWoLa); re-exported for existing imports. */
export { MemberHealthOptions } from '@hepuq/core';
export { memberScores, HEALTH_EVENTS, type MemberScores } from './health/member-scores.js';
export { judgeMembers, AGREEMENT_FLOOR, type FailedMember } from './health/judge-members.js';
export { healMembers, type MemberHealthReport, type TrainMembers, type HealContext } from './health/heal-members.js';
export { trainingSet, type TrainingSet, type EnsembleTask } from './training/training-set.js';
export { fitStacked, type StackedFitOptions, type StackedSet, type RepulsionSpec } from './training/stacked-fit.js';
export { fitMembers, MEMBER_TASK_MODULE } from './training/member-fit.js';
export { fitMemberGroups, memberGroups, MEMBER_GROUP_TASK_MODULE } from './training/member-groups.js';
export { kernelRepulsion, medianBandwidth, memberDistances, stopGradient } from './training/repulsion.js';
export { trainMember, type MemberTaskInput, type MemberTaskResult } from './member.task.js';
export { trainMemberGroup, type MemberGroupTaskInput, type MemberGroupTaskResult } from './member-group.task.js';
