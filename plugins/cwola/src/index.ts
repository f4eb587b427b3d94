import 'reflect-metadata';

// plugin
export { cwola, cwola as default, CwolaPluginOptions } from './cwola.plugin.js';
export { PLUGIN_NAME } from './plugin-meta.js';

// CWoLa: classification without labels
export { CWOLA, CwolaOptions } from './cwola/cwola.options.js';
export { cwolaMethod } from './cwola/cwola.method.js';
export { CwolaModel, readCwolaSpec, CLASSIFIER_DIR, CWOLA_SPEC_FILE, type CwolaSpec } from './cwola/cwola-model.js';
export { cwolaDiagnostics, weightedAuc, signalFraction } from './cwola/cwola-diagnostics.js';
export { ClassifierChoice, DEFAULT_CWOLA_CLASSIFIER, resolveClassifier, type ResolvedClassifier } from './cwola/classifier-choice.js';
export { mixedSamples, sampleLabels, balancedWeights, concat } from './cwola/mixed-samples.js';

// CWoLa hunting
export { cwolaHuntStep, huntTable, type HuntRow, type HuntArtifact } from './hunt/cwola-hunt.step.js';
export { CWOLA_HUNT, CwolaHuntOptions, HuntBins, SignalRegions, HuntFit } from './hunt/hunt.options.js';
export { huntRegions, type HuntSettings, type HuntRegion, type HuntSelection, type HuntFitSummary } from './hunt/hunt.js';
export { signalRegions, huntEdges, type SignalRegion } from './hunt/signal-regions.js';
export { huntEvents, subsetEvents, concatEvents, column, inBins, rowsInBins, type HuntEvents } from './hunt/hunt-events.js';
export { scoreRegions, foldAssignment, checkClasses, type NestedKFold, type RegionScores } from './hunt/nested-kfold.js';
export { trainFold, fitAndScore, FOLD_TASK_MODULE, type FoldTaskInput, type FoldTaskResult, type FoldEvents } from './hunt/fold.task.js';
export { foldRunner, type FoldRunner } from './hunt/fold-runner.js';
export { scoreThreshold, selectedCounts } from './hunt/score-selection.js';
export { planCorrelationCheck, type CorrelationResult, type CorrelationSettings } from './hunt/correlation-check.js';
export { planInjectionScan, type InjectionScan, type InjectionPoint } from './hunt/injection-scan.js';

// health check of the nested k-fold networks
export { healNetworks, networkHealthSummary, type RegionHealth, type NetworkHealthSummary, type HealNetworksContext } from './health/heal-networks.js';
export { judgeNetworks, networkScores, AGREEMENT_FLOOR, HEALTH_EVENTS, type NetworkScores, type NetworkSlot, type FailedNetwork } from './health/judge-networks.js';

// CWoLa hunting: report
export { HUNT_SECTION, huntReportSection } from './report/hunt.report-section.js';
export { selectedSpectrumPlot, type SpectrumAxis } from './report/selected-spectrum.plot.js';
export { pValueScanPlot, undrawnPValues, SIGMA_LINES, type UndrawnPoint } from './report/p-value-scan.plot.js';
export { injectionPlot } from './report/injection.plot.js';

// the bump fit and `hepuq bump-fit`
export { bumpFit, type BumpFitOptions, type BumpFitResult } from './bump-fit/bump-fit.js';
export { fitDijet, type DijetFit, type FitMethod } from './bump-fit/fit-dijet.js';
export { dijetShape, dijetParamCount, dijetFeatures, DIJET_FUNCTIONS, type DijetFunction } from './bump-fit/dijet-function.js';
export { countingSignificance, type CountingSignificance } from './bump-fit/counting-significance.js';
export { sortSpectrum, checkSpectrumRows, type SpectrumBins, type SortedSpectrum } from './bump-fit/spectrum-bins.js';
export { readCountsCsv, COUNTS_COLUMNS } from './bump-fit/read-counts-csv.js';
export { formatBumpFit } from './bump-fit/format-bump-fit.js';
export { levenbergMarquardt, leastSquares, type LmObjective, type LmOptions, type LmResult } from './bump-fit/levenberg-marquardt.js';
export { bumpFitCommand, BUMP_FIT, parseSrRange } from './command/bump-fit.command.js';
