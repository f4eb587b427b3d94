import { HepuqError, type Metric, type MetricInput, type MetricOutput, type MetricValue } from '@hepuq/core';
import { withSharedPasses } from './shared-pass.js';

/** Where metrics come from: a registry (`app.registries.metrics`), any key lookup, or a plain list. */
export type MetricSource = { get(key: string): Metric; keys(): string[] } | readonly Metric[];

/** Whether `metric` can run on `input`: same task and, where it says so, its own `applies`. */
export function metricApplies(metric: Metric, input: MetricInput): boolean {
  return metric.task === input.prediction.kind && (metric.applies ? metric.applies(input) : true);
}

function resolve(source: MetricSource, input: MetricInput, keys?: readonly string[]): Metric[] {
  if (Array.isArray(source)) {
    const list = source as readonly Metric[];
    if (!keys) return list.filter((m) => metricApplies(m, input));
    return keys.map((k) => {
      const m = list.find((x) => x.key === k);
      if (!m) throw new HepuqError('UnknownKey', `unknown metric "${k}"; available: ${list.map((x) => x.key).join(', ')}`);
      return m;
    });
  }
  const lookup = source as Exclude<MetricSource, readonly Metric[]>;
  if (!keys) return lookup.keys().map((k) => lookup.get(k)).filter((m) => metricApplies(m, input));
  return keys.map((k) => lookup.get(k));
}

/**
 * Run metrics and keep each one's full output (values and plot data), keyed by metric key. Without
 * `keys`, every metric that applies to the input runs; with `keys`, exactly those (a metric that does
 * not fit the prediction kind is an error naming it).
 */
export function computeMetricOutputs(source: MetricSource, input: MetricInput, keys?: readonly string[]): Record<string, MetricOutput> {
  // metrics of one call share their fused passes over the events (moments, PIT, the classification pass, the rank order): see shared-pass.ts
  return withSharedPasses(() => computeEach(resolve(source, input, keys), input));
}

function computeEach(metrics: readonly Metric[], input: MetricInput): Record<string, MetricOutput> {
  const out: Record<string, MetricOutput> = {};
  for (const metric of metrics) {
    if (metric.task !== input.prediction.kind) {
      throw new HepuqError('InvalidArgument', `metric "${metric.key}" is a ${metric.task} metric but the prediction is ${input.prediction.kind}`, {
        hint: `Use defaultMetricKeys('${input.prediction.kind}') or list ${input.prediction.kind} metrics only.`,
      });
    }
    out[metric.key] = metric.compute(input);
  }
  return out;
}

/** Merge metric outputs into one flat record of values; a value name produced twice is an error. */
export function mergeMetricValues(outputs: Record<string, MetricOutput>): Record<string, MetricValue> {
  const merged: Record<string, MetricValue> = {};
  const from: Record<string, string> = {};
  for (const [key, output] of Object.entries(outputs)) {
    for (const [name, value] of Object.entries(output.values)) {
      if (name in merged) {
        throw new HepuqError('InvalidArgument', `metric value "${name}" is produced by both "${from[name]}" and "${key}"`, {
          hint: 'Compute only one of the two metrics, or register one under other value names.',
        });
      }
      merged[name] = value;
      from[name] = key;
    }
  }
  return merged;
}

/**
 * Compute metrics and merge their values into one flat record (what metrics.json holds).
 * @example
 * const values = computeMetrics(app.registries.metrics, { prediction, truth, weights }, defaultMetricKeys('regression'));
 * values.pull_std // { value: 1.01, error: 0.007 }
 */
export function computeMetrics(source: MetricSource, input: MetricInput, keys?: readonly string[]): Record<string, MetricValue> {
  return mergeMetricValues(computeMetricOutputs(source, input, keys));
}
