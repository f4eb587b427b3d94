export { statsPlugin, statsPlugin as default, STATS_PLUGIN_NAME } from './stats.plugin.js';

// numerics
export { chiSquareSurvival } from './special/chi-square.js';
export { normalPdf, normalCdf, normalQuantile, centralProbability, centralQuantile, ONE_SIGMA_LEVEL, TWO_SIGMA_LEVEL } from './special/normal.js';
export {
  weightSummary, resolveWeights, weightedMoments, weightedMean, weightedStd, meanValue, stdValue, binomialFraction, besselFactor,
  type WeightSummary, type NumArray,
} from './weighted/weighted-stats.js';
export { equalMassBins, binnedMoments } from './weighted/equal-mass-bins.js';
export { weightedQuantiles, weightedMedian } from './weighted/weighted-quantile.js';
export { argsort, argsortFloat32 } from './sort/argsort.js';
export { poissonBootstrapStd, poissonBootstrapStds, fillPoisson1 } from './bootstrap/poisson-bootstrap.js';
export { brentMinimize, type BrentResult } from './optimize/brent.js';
export { pav, pavInterpolate, type PavResult } from './isotonic/pav.js';
export { SpectrumPrior, priorDensity, priorQuantile, DEFAULT_POWER_LAW_INDEX } from './priors/spectrum-prior.js';

// metrics: running them
export { computeMetrics, computeMetricOutputs, mergeMetricValues, metricApplies, type MetricSource } from './metrics/compute-metrics.js';
export { defaultMetricKeys, builtinMetrics } from './metrics/default-metrics.js';

// regression metrics
export { pulls } from './metrics/regression/pull.js';
export { PULLS, pullsMetric } from './metrics/regression/pulls.metric.js';
export { pullHistogram, pullDensity, PULL_BINS, PULL_RANGE, type PullHistogram } from './metrics/regression/pull-histogram.js';
export { STAT_PULLS, PROB_STAT_PULLS, TRUE_MEAN, TRUE_PROB, statPullsMetric, probStatPullsMetric } from './metrics/truth/stat-pulls.metric.js';
export { COVERAGE, CoverageOptions, coverageMetric, createCoverageMetric, gaussianCoverage, levelName, SIGMA_LEVELS } from './metrics/regression/coverage.metric.js';
export { GAUSSIAN_NLL, gaussianNllMetric } from './metrics/regression/gaussian-nll.metric.js';
export { RMSE, rmseMetric } from './metrics/regression/rmse.metric.js';
export { CalibrationOptions, calibrationFromPit, curveSummary, type CalibrationCurve } from './metrics/regression/calibration-curve.js';
export { CALIBRATION, calibrationMetric, createCalibrationMetric } from './metrics/regression/calibration.metric.js';
export { CRPS, crpsMetric } from './metrics/regression/crps.metric.js';
export { gaussianCrps, gaussianCrpsAt } from './metrics/regression/gaussian-crps.js';
export { SHARPNESS, sharpnessMetric } from './metrics/regression/sharpness.metric.js';
export { CHECK_SCORE, CheckScoreOptions, checkScoreMetric, createCheckScoreMetric, pinball } from './metrics/regression/check-score.metric.js';
export { INTERVAL_SCORE, IntervalScoreOptions, intervalScoreMetric, createIntervalScoreMetric } from './metrics/regression/interval-score.metric.js';
export { intervalScore } from './metrics/regression/interval-score.js';
export { PULL_SLICES, PullSlicesOptions, pullSlicesMetric, createPullSlicesMetric } from './metrics/regression/pull-slices.metric.js';
export { RELATIVE_ACCURACY, RelativeAccuracyOptions, relativeAccuracyMetric, createRelativeAccuracyMetric } from './metrics/regression/relative-accuracy.metric.js';
export { slicedMoments, valueSuffix, type SliceRow } from './metrics/regression/slices.js';
export {
  gaussianPit, mixturePit, mixtureNll, mixtureCrps, sampleScores, checkedMixture, checkedReplicas,
  type Mixture, type SampleScores, type PredictiveSource,
} from './metrics/regression/predictive.js';
export { MIXTURE_CALIBRATION, mixtureCalibrationMetric, createMixtureCalibrationMetric } from './metrics/regression/mixture-calibration.metric.js';
export { CLOSURE, closureMetric, createClosureMetric } from './metrics/regression/closure.metric.js';
export {
  SAMPLE_CALIBRATION, SampleCalibrationOptions, sampleCalibrationMetric, createSampleCalibrationMetric,
} from './metrics/regression/sample-calibration.metric.js';

// classification metrics
export { BootstrapOptions } from './metrics/classification/bootstrap-options.js';
export { AUC, aucMetric, createAucMetric } from './metrics/classification/auc.metric.js';
export { aucFromRanked, rankEvents, rocCurve, type RankedEvents } from './metrics/classification/ranked-events.js';
export { BRIER, brierMetric } from './metrics/classification/brier.metric.js';
export { BCE, bceMetric } from './metrics/classification/bce.metric.js';
export { BCE_EPS, binaryNll } from './metrics/classification/binary-nll.js';
export { ECE, EceOptions, eceMetric, createEceMetric } from './metrics/classification/ece.metric.js';
export { ECE_BINS, eceFromBins, eceFromSums, equalWidthBins, reliabilityData, reliabilityFromSums, topLabel, type ReliabilityData, type ReliabilitySums } from './metrics/classification/calibration-bins.js';
export { LikelihoodRatioOptions, likelihoodRatioWeights, type LikelihoodRatioWeights } from '@hepuq/core';
export { LIKELIHOOD_RATIO, likelihoodRatioMetric, createLikelihoodRatioMetric } from './metrics/classification/likelihood-ratio.metric.js';

// multiclass metrics (K-class probabilities, labels 0..K-1)
export { multiclassArrays, PROB_SUM_TOLERANCE, type MulticlassArrays } from './metrics/metric-input.js';
export { multiclassTopLabel, classIndicator } from './metrics/multiclass/top-label.js';
export { classSuffixes } from './metrics/multiclass/class-suffixes.js';
export { MULTICLASS_ACCURACY, multiclassAccuracyMetric } from './metrics/multiclass/accuracy.metric.js';
export { MULTICLASS_BRIER, multiclassBrierMetric, multiclassBrierScores } from './metrics/multiclass/multiclass-brier.metric.js';
export { LOG_LOSS, LOG_LOSS_EPS, logLossMetric, logLossScores } from './metrics/multiclass/log-loss.metric.js';
export { MULTICLASS_ECE, MulticlassEceOptions, multiclassEceMetric, createMulticlassEceMetric } from './metrics/multiclass/multiclass-ece.metric.js';
export {
  CLASSWISE_CALIBRATION, ClasswiseCalibrationOptions, classwiseCalibrationMetric, createClasswiseCalibrationMetric, classCalibrationChi2,
  type ClasswiseCalibrationBins,
} from './metrics/multiclass/classwise-calibration.metric.js';

// recalibration
export { scaleRegression } from './recalibration/scale-regression.js';
export { TEMPERATURE_SCALING, TemperatureScalingOptions, temperatureScaling, applyTemperature, logit } from './recalibration/temperature-scaling.recalibrator.js';
export { VARIANCE_SCALING, VarianceScalingOptions, varianceScaling } from './recalibration/variance-scaling.recalibrator.js';
export { ISOTONIC_COVERAGE, IsotonicCoverageOptions, isotonicCoverage } from './recalibration/isotonic-coverage.recalibrator.js';
export { ISOTONIC_PROBABILITY, IsotonicProbabilityOptions, isotonicProbability } from './recalibration/isotonic-probability.recalibrator.js';
export { SPLIT_CONFORMAL, SplitConformalOptions, splitConformal, conformalQuantile } from './recalibration/split-conformal.recalibrator.js';
export { builtinRecalibrations } from './recalibration/builtin-recalibrations.js';
export { MonotoneMap } from './isotonic/monotone-map.js';

// CLI
export { metricsCommand, formatMetricTable, METRIC_OUTPUTS_ARTIFACT } from './cli/metrics.command.js';
export { readPredictions, type PredictionColumns } from './cli/read-predictions.js';

// refit scans (run steps)
export { PRIOR_SCAN, PriorScanOptions, priorScanStep, plateau, plateauFrom, type PriorPoint, type PriorScanArtifact } from './scans/prior-scan.step.js';
export { DATA_SCALING, DataScalingOptions, dataScalingStep, type ScalingPoint, type DataScalingArtifact } from './scans/data-scaling.step.js';
export { refitSummary, type RefitSummary } from './scans/refit-summary.js';
export { refitTarget, pointOptions, refitTargetShape, type RefitTarget } from './scans/refit-target.js';
export { scanRefits, type ScanRefit } from './scans/scan-refits.js';
export { refitTask, refitAll, fitAndPredict, REFIT_TASK_MODULE, type RefitInput, type RefitPlace } from './scans/refit.task.js';
export { powerLawSlope } from './scans/power-law.js';

// closure of a calibration (closure metric, closure-compare step)
export { ClosureOptions, ClosureReweight } from './closure/closure-options.js';
export { closureTable, closureEdges, closureResiduals, type ClosureRow, type ClosureTable } from './closure/closure-table.js';
export { reweightedWeights } from './closure/closure-weights.js';
export {
  CLOSURE_COMPARE, ClosureCompareOptions, closureCompareStep, DEFAULT_DIRECT_REGRESSION, type ClosureCompareArtifact, type ClosureCompareEntry,
} from './closure/closure-compare.step.js';
