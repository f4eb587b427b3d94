import { z, type RunStep } from '@hepuq/core';
import { runScalePulls } from '../analysis/run-scale-pulls.js';
import { ScalePullsSettings, SCALE_PULLS, type ResolvedScaleUncertaintyOptions } from '../scale-uncertainty.options.js';

/**
 * The `scale-pulls` run step: options are the command's settings (`table`, `reference`, `method`,
 * `pull`, `envelope`, `tailThreshold`); unset keys take the plugin options. The run validates them
 * before it trains anything, stores the full result in `steps.json`, and the report section draws it.
 * @example steps: [{ use: scale-pulls, options: { method: reference } }]   # in a run config
 */
export function scalePullsStep(defaults: ResolvedScaleUncertaintyOptions): RunStep {
  const { histogramRange: _range, ...base } = defaults;
  const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
  return {
    key: SCALE_PULLS,
    description: 'Scale-uncertainty pulls over a process table, plain and with the reference-process method',
    options: z.preprocess((raw) => (raw === undefined ? base : isObject(raw) ? { ...base, ...raw } : raw), ScalePullsSettings),
    async run({ options }) {
      return { ...(await runScalePulls(options as ScalePullsSettings)) };
    },
  };
}
