import { defaultMetricKeys, type Dataset, type HepuqApp, type MetricValue, type Prediction } from '@hepuq/core';

/** Evaluate the configured (or the task's default) metrics on the test set, merged into one table. */
export function computeRunMetrics(app: HepuqApp, keys: readonly string[] | undefined, prediction: Prediction, test: Dataset): Record<string, MetricValue> {
  const truth = prediction.kind === 'regression' ? test.target : test.label;
  if (!truth) return {};
  const wanted = keys ?? defaultMetricKeys(prediction.kind);
  const values: Record<string, MetricValue> = {};
  for (const key of wanted) {
    const metric = app.registries.metrics.get(key);
    if (metric.task !== prediction.kind) continue;
    Object.assign(values, metric.compute({ prediction, truth, weights: test.weights, features: test.features }).values);
  }
  return values;
}
