import 'reflect-metadata';

// plugin
export { omnifold, omnifold as default, OmniFoldPluginOptions } from './omnifold.plugin.js';
export { PLUGIN_NAME } from './plugin-meta.js';

// OmniFold
export { OMNIFOLD, OmniFoldOptions, IbuComparison, DEFAULT_CLASSIFIER } from './omnifold/omnifold.options.js';
export { omnifoldMethod, combineRuns } from './omnifold/omnifold.method.js';
export { omnifoldChain, orDiverged, type ChainSettings, type ChainWeights, type ChainResult, type IterationDiagnostics } from './omnifold/omnifold-chain.js';
export { planRuns, poissonWeights, type PlannedRun } from './omnifold/run-plan.js';
export { sampleViews, gather, gatherProduct, type SampleViews, type SampleIndices } from './omnifold/sample-views.js';
export { runChain, runChainWith, CHAIN_TASK_MODULE, type ChainTaskInput } from './omnifold/chain.task.js';
export { stepLoss } from './omnifold/step-loss.js';

// health check of the members and replicas
export { healRuns, healthMetrics, type RunHealthReport, type RunChains, type HealRunsContext } from './health/heal-runs.js';
export { judgeRuns, AGREEMENT_FLOOR, type FailedRun } from './health/judge-runs.js';
export { runScores, referenceRuns, HEALTH_EVENTS, type RunScores } from './health/run-scores.js';

// observables
export { Binning, ObservableSpec, binEdges } from './observables/observable.js';
export { densityHistogram, normalise } from './observables/density-histogram.js';
export { weightedMoments, binnedMoments, type Moments } from './observables/weighted-moments.js';
export { unfoldedObservable, resolveObservable, type ObservableSummary, type OmniFoldObservable, type DensitySummary } from './observables/unfolded-observable.js';
export { ibuObservable, type IbuObservable } from './observables/ibu-comparison.js';
export { gaussIdealLimit, type GaussianMoments } from './omnifold/gauss-ideal-limit.js';

// steps and report
export { ibuStep, IBU_STEP, IbuStepOptions } from './steps/ibu.step.js';
export { unfoldingReportSection, UNFOLDING_SECTION } from './report/unfolding.report-section.js';
export { unfoldedSpectrumPlot, type ReportedObservable } from './report/unfolded-spectrum.plot.js';

// IBU (pyunfold's iterative_unfold) and `hepuq ibu`
export { ibuCommand, IBU } from './command/ibu.command.js';
export { iterativeUnfold, unfoldResolved, type IbuResult, type IbuIteration, type IbuOptions } from './ibu/iterative-unfold.js';
export { IbuProblem, IbuSettings, COV_TYPES, IBU_INPUT_KEYS, type IbuProblemInput, type IbuSettingsInput, type CovType } from './ibu/ibu-problem.js';
export { resolveIbuProblem, type ResolvedIbuProblem } from './ibu/resolve-ibu-problem.js';
export { readIbuProblemFile } from './ibu/read-ibu-problem.js';
export { formatIbuTable } from './ibu/format-ibu-table.js';
export { uniformPrior, jeffreysPrior, checkPrior, initialPrior } from './ibu/priors.js';
export { ksStatistic } from './ibu/test-statistic.js';
export { STAT_PROPAGATIONS, type StatPropagation } from './ibu/ibu-jacobians.js';
export { dataCovariance, responseCovariance } from './ibu/ibu-covariance.js';
export { binnedUnfoldingInputs, type BinnedSample, type BinnedUnfoldingInputs } from './ibu/binned-inputs.js';
export { weightedHistogram, type WeightedCounts } from './ibu/weighted-histogram.js';
export { unfoldBinned, type BinnedUnfoldingResult } from './ibu/unfold-binned.js';
