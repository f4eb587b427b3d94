import type { PluginContext } from '../plugin/plugin.js';

/** Register core's calibration/scoring metrics, recalibrators and their CLI commands. */
export function registerStatistics(_ctx: PluginContext): void {
  // filled in by the statistics work (issue 3)
}
