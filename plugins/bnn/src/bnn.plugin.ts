import { parsePluginOptions, z, type HepuqPlugin } from '@hepuq/core';
import { BNN_META, BNN_PLUGIN_NAME } from './plugin-meta.js';
import { bnnMethod } from './methods/bnn.method.js';
import { bnnClassifierMethod } from './methods/bnn-classifier.method.js';
import { mcDropoutMethod } from './methods/mc-dropout.method.js';
import { mcDropoutClassifierMethod } from './methods/mc-dropout-classifier.method.js';
import { bnnFlowMethod } from './methods/bnn-flow.method.js';
import { BNN_UNCERTAINTY_MAP, uncertaintyMapReportSection } from './report/uncertainty-map.report-section.js';

/** Plugin options: none yet (method options go in the run config's `method.options`). */
export const BnnPluginOptions = z.object({}).strict();
export type BnnPluginOptions = z.infer<typeof BnnPluginOptions>;

/**
 * The bnn plugin: registers `bnn`, `bnn-classifier`, `mc-dropout`, `mc-dropout-classifier` and
 * `bnn-flow`, and the uncertainty-map report section (the mu-sigma plane
 * of its classifiers is drawn by @hepuq/report's classification section, for every classifier).
 * @example const app = await createHepuq({ plugins: [bnn()] }); app.registries.methods.get('bnn')
 */
export function bnn(options: BnnPluginOptions = {}): HepuqPlugin {
  parsePluginOptions(BNN_PLUGIN_NAME, BnnPluginOptions, options);
  return {
    meta: BNN_META,
    register(ctx) {
      for (const method of [bnnMethod, bnnClassifierMethod, mcDropoutMethod, mcDropoutClassifierMethod, bnnFlowMethod]) {
        ctx.methods.add(method.key, method as never);
      }
      ctx.reportSections.add(BNN_UNCERTAINTY_MAP, uncertaintyMapReportSection());
    },
  };
}

export default bnn;
