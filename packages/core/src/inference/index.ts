import type { PluginContext } from '../plugin/plugin.js';

/** Register core's likelihood inference procedures and their CLI commands (fit, scan, hypotest, limit). */
export function registerInference(_ctx: PluginContext): void {
  // filled in by the inference work (issue 3)
}
