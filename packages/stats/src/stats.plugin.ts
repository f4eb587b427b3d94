import { packageMeta, type HepuqPlugin } from '@hepuq/core';
import { builtinMetrics } from './metrics/default-metrics.js';
import { metricsCommand } from './cli/metrics.command.js';
import { builtinRecalibrations } from './recalibration/builtin-recalibrations.js';

const meta = packageMeta(import.meta.url);

export const STATS_PLUGIN_NAME = meta.name;

/** The calibration and scoring metrics, the recalibrations and the `hepuq metrics` command. */
export function statsPlugin(): HepuqPlugin {
  return {
    meta,
    register(ctx) {
      for (const metric of builtinMetrics()) ctx.metrics.add(metric.key, metric);
      for (const r of builtinRecalibrations()) ctx.recalibrations.add(r.key, r);
      ctx.commands.add(metricsCommand.name, metricsCommand);
    },
  };
}
