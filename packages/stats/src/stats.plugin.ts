import { packageMeta, type HepuqPlugin } from '@hepuq/core';
import { builtinMetrics } from './metrics/default-metrics.js';
import { metricsCommand } from './cli/metrics.command.js';
import { builtinRecalibrations } from './recalibration/builtin-recalibrations.js';
import { CLOSURE_COMPARE, closureCompareStep } from './closure/closure-compare.step.js';
import { DATA_SCALING, dataScalingStep } from './scans/data-scaling.step.js';
import { PRIOR_SCAN, priorScanStep } from './scans/prior-scan.step.js';

const meta = packageMeta(import.meta.url);

export const STATS_PLUGIN_NAME = meta.name;

/** The calibration and scoring metrics, the recalibrations, the refit scans (`prior-scan`, `data-scaling` run steps), the `closure-compare` step and the `hepuq metrics` command. */
export function statsPlugin(): HepuqPlugin {
  return {
    meta,
    register(ctx) {
      for (const metric of builtinMetrics()) ctx.metrics.add(metric.key, metric);
      for (const r of builtinRecalibrations()) ctx.recalibrations.add(r.key, r);
      ctx.steps.add(PRIOR_SCAN, priorScanStep);
      ctx.steps.add(DATA_SCALING, dataScalingStep);
      ctx.steps.add(CLOSURE_COMPARE, closureCompareStep);
      ctx.commands.add(metricsCommand.name, metricsCommand);
    },
  };
}
