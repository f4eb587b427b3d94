import { computeMetrics, defaultMetricKeys } from '@hepuq/stats';
import { type Dataset, type HepuqApp, type MetricInput, type MetricValue, type Prediction } from '@hepuq/core';

/** The metric input for a test set: truth is the target (regression) or the label (classification). */
export function metricInput(prediction: Prediction, data: Dataset): MetricInput | undefined {
  const truth = prediction.kind === 'regression' ? data.target : data.label;
  return truth ? { prediction, truth, weights: data.weights, features: data.features } : undefined;
}

/**
 * Evaluate the configured metrics, or the task's default set plus every metric that applies to the
 * prediction (pulls over phase space, mixture and replica calibration), merged into one table.
 */
export function computeRunMetrics(app: HepuqApp, keys: readonly string[] | undefined, prediction: Prediction, test: Dataset): Record<string, MetricValue> {
  const input = metricInput(prediction, test);
  if (!input) return {};
  return computeMetrics(app.registries.metrics, input, keys ? [...keys] : defaultMetricKeys(prediction.kind, input));
}
