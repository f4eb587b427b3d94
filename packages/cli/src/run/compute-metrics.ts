import { classSuffixes, computeMetricOutputs, defaultMetricKeys, mergeMetricValues } from '@hepuq/stats';
import {
  targetAsPrediction, type Dataset, type HepuqApp, type Metric, type MetricInput, type MetricOutput, type MetricTableRow, type MetricValue, type Prediction,
  type TargetPrediction,
} from '@hepuq/core';

/** What a run's metrics give metrics.json: the values, and the tables (one row per bin) of the metrics that have them. */
export interface RunMetrics {
  values: Record<string, MetricValue>;
  tables: Record<string, MetricTableRow[]>;
}

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

/** The listed metrics (configured, from `configuredMetrics`), else the task's default set from the registry. */
function outputs(app: HepuqApp, metrics: readonly Metric[] | undefined, input: MetricInput): Record<string, MetricOutput> {
  if (metrics) return computeMetricOutputs(metrics, input, metrics.map((m) => m.key));
  return computeMetricOutputs(app.registries.metrics, input, defaultMetricKeys(input.prediction.kind, input));
}

/** Every table of the outputs, by name; a name produced twice keeps the first. */
function tablesOf(out: Record<string, MetricOutput>): Record<string, MetricTableRow[]> {
  const tables: Record<string, MetricTableRow[]> = {};
  for (const o of Object.values(out)) for (const [name, rows] of Object.entries(o.tables ?? {})) tables[name] ??= rows;
  return tables;
}

/**
 * Evaluate the configured metrics (`configuredMetrics`: each with its options), or the task's default set
 * plus every metric that applies to the prediction (pulls over phase space, mixture and replica
 * calibration): the values merged into one table, and the metrics' tables (e.g. `closure`).
 */
export function computeRunMetrics(app: HepuqApp, metrics: readonly Metric[] | undefined, prediction: Prediction, test: Dataset): RunMetrics {
  if (prediction.kind === 'regression' && prediction.targets) return perTargetMetrics(app, metrics, prediction.targets, test);
  const input = metricInput(prediction, test);
  if (!input) return { values: {}, tables: {} };
  const out = outputs(app, metrics, input);
  return { values: mergeMetricValues(out), tables: tablesOf(out) };
}

/**
 * A multi-target regression's metrics: the regression metrics of every target on its own truth
 * column, each name suffixed with `_<target>` (`rmse_a`, `pull_std_b`, `closure_a`, ...; the target name in lower
 * case with other characters as `_`, as for classes: `classSuffixes`), with the target's own truth
 * extras (`true_mean_<target>` as `true_mean`). Targets the test data lacks get none.
 */
function perTargetMetrics(app: HepuqApp, metrics: readonly Metric[] | undefined, targets: readonly TargetPrediction[], test: Dataset): RunMetrics {
  const result: RunMetrics = { values: {}, tables: {} };
  const suffixes = classSuffixes(targets.map((t) => t.name));
  for (const [k, t] of targets.entries()) {
    const truth = test.targets.find((c) => c.name === t.name)?.values;
    if (!truth) continue;
    const prediction = targetAsPrediction(t);
    const input: MetricInput = { prediction, truth, weights: test.weights, features: test.features, extras: targetExtras(test.extras, t.name) };
    const out = outputs(app, metrics, input);
    for (const [name, value] of Object.entries(mergeMetricValues(out))) result.values[`${name}_${suffixes[k]}`] = value;
    for (const [name, rows] of Object.entries(tablesOf(out))) result.tables[`${name}_${suffixes[k]}`] = rows;
  }
  return result;
}
