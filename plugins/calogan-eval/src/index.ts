export { caloganEval, default } from './calogan-eval.plugin.js';
export { CaloganEvalOptions, type ResolvedCaloganEvalOptions } from './calogan-eval.options.js';
export { PLUGIN_NAME, PLUGIN_VERSION } from './plugin-meta.js';

// samples and normalisation
export { featureSample, sampleFromDataset, subsetRows, column, type FeatureSample, type FeatureSampleOptions } from './sample/feature-sample.js';
export { normaliseSamples, NORMALISE_MODES, type NormaliseMode, type Normalised } from './sample/normalise.js';

// metrics
export { frechetDistance, frechetDistanceOfSamples } from './metrics/frechet-distance.js';
export { fpdInfinity, FpdOptions, type FpdResult, type FpdPoint } from './metrics/fpd.metric.js';
export { mmdPolyUnbiased, type MmdBatch, type MmdAlgorithm } from './metrics/mmd.js';
export { kpd, KpdOptions, KpdDegree, DEFAULT_KPD_DEGREE, type KpdResult } from './metrics/kpd.metric.js';
export { wasserstein1, w1Marginals, W1Options, type W1Result, type W1Feature } from './metrics/wasserstein.metric.js';
export { prdc, prdcPlan, prdcEvents, prdcThreads, PrdcOptions, type PrdcResult, type PrdcMetricValue } from './metrics/prdc.metric.js';
export { prdcBatch, type PrdcValues } from './metrics/prdc-batch.js';
export { separation, separationPower, SeparationOptions, type SeparationResult, type SeparationFeature } from './metrics/separation-power.metric.js';
export { tailFractions, TailOptions, type TailResult, type TailSide } from './metrics/tail-fraction.metric.js';
export { binning, fillHistogram, BINNING_RULES, type Binning, type BinningRule } from './stats/binning.js';
export { traceSqrtProduct } from './linalg/trace-sqrt-product.js';
export { sampleMoments, type Moments } from './linalg/weighted-moments.js';
export { kthNeighbourSquaredDistances } from './knn/knn-radii.js';
export { tileMatrix, type TileMatrix } from './knn/distance-tiles.js';

// classifier two-sample test
export { classifierTest, ClassifierTestOptions, DEFAULT_CLASSIFIER, type ClassifierTestResult } from './classifier/classifier-test.js';
export { weightedAuc, type AucValue } from './classifier/weighted-auc.js';
export { densityRatio, WEIGHT_QUANTILES, type DensityRatio } from './classifier/density-ratio.js';
export { reweightingCheck, weightRegions, type ReweightingCheck, type WeightRegion } from './classifier/reweighting-check.js';

// timing, summary, evaluation
export { measureGenerationTime, TimingOptions, type GeneratorFn, type TimingPoint, type TimingResult } from './timing/generation-timing.js';
export { summaryTable, DEVIATION_THRESHOLD, type SummaryRow } from './summary/summary-table.js';
export { evaluateGenerator, type GenEvalEnvironment } from './evaluate/evaluate-generator.js';
export { GEN_EVAL, METRIC_KEYS, DEFAULT_METRICS, GenEvalOptions, type MetricKey, type ResolvedGenEvalOptions } from './evaluate/gen-eval.options.js';
export { conventionOptions, JETNET, type ConventionBlocks } from './evaluate/jetnet-conventions.js';
export { GEN_EVAL_RESULT_KIND, type GenEvalResult, type HistogramBin } from './evaluate/gen-eval.result.js';
export { genEvalStep, GenEvalStepOptions } from './evaluate/gen-eval.step.js';
export { genEvalCommand } from './command/gen-eval.command.js';
export { readSample, readSamples, readAmplificationSamples, type SampleFiles, type AmplificationFiles } from './command/read-samples.js';
export { formatGenEval } from './command/format-text.js';
export { genEvalReportSection, findGenEvalResult } from './report/gen-eval.report-section.js';
export { genEvalPlots } from './report/gen-eval.plots.js';
export { genEvalHtml } from './report/gen-eval.html.js';
export { genEvalMetrics, genEvalReportDocument } from './report/gen-eval.metrics.js';
export { amplificationPlots, mseVersusEventsPlot, factorVersusQuantilesPlot } from './report/amplification.plots.js';

// amplification (Butter et al. 2008.06545): quantile MSE of training, generated and fitted samples against a truth sample
export { amplification, AmplificationOptions } from './amplification/amplification.metric.js';
export { checkAmplificationSamples, kishSize, TRUTH_MARGIN, type AmplificationSamples } from './amplification/amplification-checks.js';
export type { AmplificationResult, AmplificationSetting, SampleQuality, GeneratorQuality } from './amplification/amplification.result.js';
export { quantileCells, cellIndices, cellFractions, type QuantileCells, type CellFractions } from './amplification/quantile-cells.js';
export { quantileMse, samplingNoise, mseError } from './amplification/quantile-mse.js';
export { equivalentEvents, type Equivalent } from './amplification/equivalent-events.js';
export { mseCurve, geometricSizes, type CurvePoint } from './amplification/mse-curve.js';
export { formatEquivalent } from './amplification/format-equivalent.js';

// Gaussian toys with known truth (tests, examples, benchmarks)
export { gaussianSample, identityCov, dropTail, concatSamples } from './toys/gaussian-toys.js';
export { CAMEL, mixtureSample, fitMixture1d, gaussianFitSample, type Mixture1d } from './toys/camel-toys.js';
