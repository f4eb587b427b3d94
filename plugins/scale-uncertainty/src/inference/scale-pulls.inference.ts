import { HepuqError, describeZodError, type InferenceProcedure } from '@hepuq/core';
import { runScalePulls } from '../analysis/run-scale-pulls.js';
import type { ScalePullsResult } from '../analysis/scale-pulls.result.js';
import { SCALE_PULLS, ScalePullsSettings, type ResolvedScaleUncertaintyOptions } from '../scale-uncertainty.options.js';
import { PLUGIN_NAME } from '../version.js';

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * The settings of a call: a `hepuq run` step passes `{ options, train, test, ... }` (its `options`
 * are the settings); a direct call may pass the settings object itself.
 */
function settingsOf(input: unknown): Record<string, unknown> {
  if (input === undefined) return {};
  if (!isObject(input)) throw new HepuqError('InvalidConfig', `step "${SCALE_PULLS}": input must be an object of settings`, { plugin: PLUGIN_NAME });
  if (!('options' in input)) return input;
  if (input.options === undefined) return {};
  if (!isObject(input.options)) throw new HepuqError('InvalidConfig', `step "${SCALE_PULLS}": options must be an object`, { plugin: PLUGIN_NAME });
  return input.options;
}

/**
 * The `scale-pulls` run step: settings keys as the command flags (`table`, `reference`, `method`,
 * `pull`, `envelope`, `tailThreshold`), unset keys from the plugin options; output the full result,
 * which the run stores under `steps.json` and the report section draws.
 * @example steps: [{ use: scale-pulls, options: { method: reference } }]   # in a run config
 */
export function scalePullsInference(defaults: ResolvedScaleUncertaintyOptions): InferenceProcedure<unknown, Record<string, unknown>> {
  const { histogramRange: _range, ...base } = defaults;
  return {
    key: SCALE_PULLS,
    description: 'Scale-uncertainty pulls over a process table, plain and with the reference-process method',
    async run(input: unknown): Promise<ScalePullsResult & Record<string, unknown>> {
      const parsed = ScalePullsSettings.safeParse({ ...base, ...settingsOf(input) });
      if (!parsed.success) {
        throw new HepuqError('InvalidConfig', `step "${SCALE_PULLS}": ${describeZodError(parsed.error, 'options')}`, { plugin: PLUGIN_NAME });
      }
      return (await runScalePulls(parsed.data)) as ScalePullsResult & Record<string, unknown>;
    },
  };
}
