import { HepuqError, describeZodError, type InferenceProcedure } from '@hepuq/core';
import { runScalePulls } from '../analysis/run-scale-pulls.js';
import type { ScalePullsResult } from '../analysis/scale-pulls.result.js';
import { SCALE_PULLS, ScalePullsSettings, type ResolvedScaleUncertaintyOptions } from '../scale-uncertainty.options.js';
import { PLUGIN_NAME } from '../version.js';

/**
 * The `scale-pulls` run step: input keys as the command flags (`table`, `reference`, `method`,
 * `pull`, `envelope`, `tailThreshold`), unset keys from the plugin options; output the full result.
 * @example await app.registries.inference.get('scale-pulls').run({ method: 'plain' })
 */
export function scalePullsInference(defaults: ResolvedScaleUncertaintyOptions): InferenceProcedure<unknown, Record<string, unknown>> {
  const { histogramRange: _range, ...base } = defaults;
  return {
    key: SCALE_PULLS,
    description: 'Scale-uncertainty pulls over a process table, plain and with the reference-process method',
    async run(input: unknown): Promise<ScalePullsResult & Record<string, unknown>> {
      if (input !== undefined && (typeof input !== 'object' || input === null || Array.isArray(input))) {
        throw new HepuqError('InvalidConfig', `step "${SCALE_PULLS}": input must be an object of settings`, { plugin: PLUGIN_NAME });
      }
      const parsed = ScalePullsSettings.safeParse({ ...base, ...input });
      if (!parsed.success) {
        throw new HepuqError('InvalidConfig', `step "${SCALE_PULLS}": ${describeZodError(parsed.error)}`, { plugin: PLUGIN_NAME });
      }
      return (await runScalePulls(parsed.data)) as ScalePullsResult & Record<string, unknown>;
    },
  };
}
