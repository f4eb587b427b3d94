import { HepuqError, type HepuqApp, type Metric } from '@hepuq/core';
import type { RunConfig } from './run-config.js';

/** One entry of a run config's `metrics:`: a key, or `{ use, options }` for a metric that takes options. */
export type MetricEntry = NonNullable<RunConfig['metrics']>[number];

/** The registry key of a `metrics:` entry. */
export function metricKey(entry: MetricEntry): string {
  return typeof entry === 'string' ? entry : entry.use;
}

/**
 * The metrics a config lists, each from the registry and configured with its `options` (validated by
 * the metric's own schema, so a typo fails before anything trains); undefined when the config lists
 * none (the task's default set). Options for a metric that takes none are an error naming the entry.
 * @example configuredMetrics(app, ['pulls', { use: 'closure', options: { bins: 8 } }])
 */
export function configuredMetrics(app: HepuqApp, entries: RunConfig['metrics']): Metric[] | undefined {
  return entries?.map((entry, i) => {
    const metric = app.registries.metrics.get(metricKey(entry));
    if (typeof entry === 'string' || Object.keys(entry.options).length === 0) return metric;
    if (!metric.configure) {
      throw new HepuqError('InvalidConfig', `metrics[${i}]: metric "${metric.key}" takes no options, got ${Object.keys(entry.options).join(', ')}`, {
        hint: `List it by its key alone (\`- ${metric.key}\`); docs/metrics.md names the metrics that take options.`,
      });
    }
    return metric.configure(entry.options);
  });
}
