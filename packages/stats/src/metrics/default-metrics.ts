import { aucMetric } from './classification/auc.metric.js';
import { bceMetric } from './classification/bce.metric.js';
import { brierMetric } from './classification/brier.metric.js';
import { eceMetric } from './classification/ece.metric.js';
import { likelihoodRatioMetric } from './classification/likelihood-ratio.metric.js';
import { metricApplies } from './compute-metrics.js';
import { multiclassAccuracyMetric } from './multiclass/accuracy.metric.js';
import { classwiseCalibrationMetric } from './multiclass/classwise-calibration.metric.js';
import { logLossMetric } from './multiclass/log-loss.metric.js';
import { multiclassBrierMetric } from './multiclass/multiclass-brier.metric.js';
import { multiclassEceMetric } from './multiclass/multiclass-ece.metric.js';
import type { Metric, MetricInput, PredictionKind } from '@hepuq/core';
import { calibrationMetric } from './regression/calibration.metric.js';
import { checkScoreMetric } from './regression/check-score.metric.js';
import { closureMetric } from './regression/closure.metric.js';
import { coverageMetric } from './regression/coverage.metric.js';
import { crpsMetric } from './regression/crps.metric.js';
import { gaussianNllMetric } from './regression/gaussian-nll.metric.js';
import { intervalScoreMetric } from './regression/interval-score.metric.js';
import { mixtureCalibrationMetric } from './regression/mixture-calibration.metric.js';
import { pullSlicesMetric } from './regression/pull-slices.metric.js';
import { pullsMetric } from './regression/pulls.metric.js';
import { relativeAccuracyMetric } from './regression/relative-accuracy.metric.js';
import { rmseMetric } from './regression/rmse.metric.js';
import { sampleCalibrationMetric } from './regression/sample-calibration.metric.js';
import { sharpnessMetric } from './regression/sharpness.metric.js';
import { probStatPullsMetric, statPullsMetric } from './truth/stat-pulls.metric.js';

/** Every metric core registers (in registration order). */
export function builtinMetrics(): Metric[] {
  return [
    pullsMetric, coverageMetric, gaussianNllMetric, rmseMetric, calibrationMetric, crpsMetric, sharpnessMetric,
    intervalScoreMetric, checkScoreMetric, pullSlicesMetric, relativeAccuracyMetric, mixtureCalibrationMetric,
    sampleCalibrationMetric, statPullsMetric, closureMetric,
    aucMetric, brierMetric, bceMetric, eceMetric, likelihoodRatioMetric, probStatPullsMetric,
    multiclassAccuracyMetric, multiclassBrierMetric, logLossMetric, multiclassEceMetric, classwiseCalibrationMetric,
  ];
}

const DEFAULTS = {
  regression: ['pulls', 'coverage', 'gaussian-nll', 'rmse', 'calibration', 'crps', 'sharpness', 'interval-score', 'check-score'],
  classification: ['auc', 'brier', 'bce', 'ece'],
  multiclass: ['multiclass-accuracy', 'multiclass-brier', 'log-loss', 'multiclass-ece', 'classwise-calibration'],
} as const;

/**
 * Metrics added to the defaults when the input carries what they need (features, a mixture, replicas,
 * the true function with a statistical error). Not `prob-stat-pulls`: a toy's `true_prob` is often
 * P(y | x, z) with a nuisance z the classifier does not see, or the prior is rebalanced (`balance`),
 * so it is asked for by name where it is the right truth.
 */
const WHEN_APPLICABLE = { regression: [pullSlicesMetric, mixtureCalibrationMetric, sampleCalibrationMetric, statPullsMetric], classification: [], multiclass: [] };

/**
 * The metric keys `hepuq run` computes by default for a task. With `input`, the metrics that need
 * features (pull over phase space), `prediction.mixture`, replicas or the true function with a
 * statistical error (`stat-pulls`) are added where the input has them.
 * @example defaultMetricKeys('regression') // ['pulls', 'coverage', 'gaussian-nll', 'rmse', 'calibration', ...]
 */
export function defaultMetricKeys(task: PredictionKind, input?: MetricInput): string[] {
  const keys: string[] = [...DEFAULTS[task]];
  if (input) for (const m of WHEN_APPLICABLE[task] as Metric[]) if (metricApplies(m, input)) keys.push(m.key);
  return keys;
}
