import type { PluginContext } from '../plugin/plugin.js';
import { builtinMetrics } from '../metrics/default-metrics.js';

/** Register core's calibration/scoring metrics and the `hepuq metrics` command. */
export function registerStatistics(ctx: PluginContext): void {
  for (const metric of builtinMetrics()) ctx.metrics.add(metric.key, metric);
}

// numerics
export { normalPdf, normalCdf, normalQuantile, centralProbability, centralQuantile, ONE_SIGMA_LEVEL, TWO_SIGMA_LEVEL } from './special/normal.js';
export {
  weightSummary, resolveWeights, weightedMoments, weightedMean, weightedStd, binomialFraction, besselFactor,
  type WeightSummary, type NumArray,
} from './weighted/weighted-stats.js';
export { argsort, argsortFloat32 } from './sort/argsort.js';
export { poissonBootstrapStd, fillPoisson1 } from './bootstrap/poisson-bootstrap.js';

// metrics
export { computeMetrics, computeMetricOutputs, mergeMetricValues, metricApplies, type MetricSource } from '../metrics/compute-metrics.js';
export { defaultMetricKeys, builtinMetrics } from '../metrics/default-metrics.js';
export { pulls } from '../metrics/regression/pull.js';
export { PULLS, pullsMetric, pullHistogram } from '../metrics/regression/pulls.metric.js';
export { COVERAGE, coverage, coverageMetric, gaussianCoverage, levelName, SIGMA_LEVELS } from '../metrics/regression/coverage.metric.js';
export { GAUSSIAN_NLL, gaussianNllMetric } from '../metrics/regression/gaussian-nll.metric.js';
export { RMSE, rmseMetric } from '../metrics/regression/rmse.metric.js';
export { AUC, auc, aucMetric, aucFromRanked, rankEvents, rocCurve, type RankedEvents } from '../metrics/classification/auc.metric.js';
export { BRIER, brierMetric } from '../metrics/classification/brier.metric.js';
export { BCE, BCE_EPS, bceMetric, binaryNll } from '../metrics/classification/bce.metric.js';
export { ECE, EceOptions, ece, eceMetric, eceFromBins, equalWidthBins, equalMassBins, reliabilityData, topLabel } from '../metrics/classification/ece.metric.js';
export { BootstrapOptions } from '../metrics/classification/bootstrap-options.js';
