import { classSuffixes, computeMetrics, defaultMetricKeys } from '@hepuq/stats';
import { targetAsPrediction, type TargetPrediction, type Dataset, type HepuqApp, type MetricInput, type MetricValue, type Prediction } from '@hepuq/core';

/**
 * The metric input for a test set: truth is the target (regression) or the label (classification);
 * the data's extras (a toy's `true_mean`, `true_prob`) go along for the metrics that compare with the truth.
 */
export function metricInput(prediction: Prediction, data: Dataset): MetricInput | undefined {
  const truth = prediction.kind === 'regression' ? data.target : data.label;
  return truth ? { prediction, truth, weights: data.weights, features: data.features, extras: data.extras } : undefined;
}

/** Target `name`'s extras under their plain names: `true_mean_<name>` is that target's `true_mean`. */
function targetExtras(extras: Readonly<Record<string, Float32Array>>, name: string): Record<string, Float32Array> {
  const out: Record<string, Float32Array> = {};
  const suffix = `_${name}`;
  for (const [key, values] of Object.entries(extras)) if (key.endsWith(suffix) && key.length > suffix.length) out[key.slice(0, -suffix.length)] = values;
  return out;
}

/**
 * Evaluate the configured metrics, or the task's default set plus every metric that applies to the
 * prediction (pulls over phase space, mixture and replica calibration), merged into one table.
 */
export function computeRunMetrics(app: HepuqApp, keys: readonly string[] | undefined, prediction: Prediction, test: Dataset): Record<string, MetricValue> {
  if (prediction.kind === 'regression' && prediction.targets) return perTargetMetrics(app, keys, prediction.targets, test);
  const input = metricInput(prediction, test);
  if (!input) return {};
  return computeMetrics(app.registries.metrics, input, keys ? [...keys] : defaultMetricKeys(prediction.kind, input));
}

/**
 * A multi-target regression's metrics: the regression metrics of every target on its own truth
 * column, each name suffixed with `_<target>` (`rmse_a`, `pull_std_b`, ...; the target name in lower
 * case with other characters as `_`, as for classes: `classSuffixes`), with the target's own truth
 * extras (`true_mean_<target>` as `true_mean`). Targets the test data lacks get none.
 */
function perTargetMetrics(app: HepuqApp, keys: readonly string[] | undefined, targets: readonly TargetPrediction[], test: Dataset): Record<string, MetricValue> {
  const out: Record<string, MetricValue> = {};
  const suffixes = classSuffixes(targets.map((t) => t.name));
  for (const [k, t] of targets.entries()) {
    const truth = test.targets.find((c) => c.name === t.name)?.values;
    if (!truth) continue;
    const prediction = targetAsPrediction(t);
    const input: MetricInput = { prediction, truth, weights: test.weights, features: test.features, extras: targetExtras(test.extras, t.name) };
    const values = computeMetrics(app.registries.metrics, input, keys ? [...keys] : defaultMetricKeys('regression', input));
    for (const [name, value] of Object.entries(values)) out[`${name}_${suffixes[k]}`] = value;
  }
  return out;
}
