import { parsePluginOptions, z, type HepuqPlugin } from '@hepuq/core';
import { numericalInversionMethod } from './method/numerical-inversion.method.js';
import { NUMERICAL_INVERSION } from './method/numerical-inversion.options.js';
import { PLUGIN_META, PLUGIN_NAME } from './plugin-meta.js';

/** Options of `numericalInversion()`: none yet (unknown keys are errors, so a typo never passes silently). */
export const NumericalInversionPluginOptions = z.object({}).strict();
export type NumericalInversionPluginOptions = z.input<typeof NumericalInversionPluginOptions>;

/**
 * The numerical-inversion plugin: the `numerical-inversion` method, a prior-independent calibration
 * that learns the response x(y) with any regression method and inverts it. Its closure is measured
 * by the `closure` metric and the `closure-compare` step of @hepuq/stats.
 * @example const app = await createHepuq({ plugins: [numericalInversion()] });
 *          // run config: method: { use: numerical-inversion, options: { response: median } }, metrics: [closure]
 */
export function numericalInversion(options: NumericalInversionPluginOptions = {}): HepuqPlugin {
  parsePluginOptions(PLUGIN_NAME, NumericalInversionPluginOptions, options);
  return {
    meta: PLUGIN_META,
    register(ctx) {
      ctx.methods.add(NUMERICAL_INVERSION, numericalInversionMethod());
    },
  };
}

export default numericalInversion;
