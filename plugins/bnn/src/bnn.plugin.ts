import { parsePluginOptions, z, type HepuqPlugin } from '@hepuq/core';
import { BNN_PLUGIN_NAME, BNN_VERSION } from './plugin-name.js';
import { bnnMethod } from './methods/bnn.method.js';
import { bnnClassifierMethod } from './methods/bnn-classifier.method.js';
import { mcDropoutMethod } from './methods/mc-dropout.method.js';
import { mcDropoutClassifierMethod } from './methods/mc-dropout-classifier.method.js';
import { bnnFlowMethod } from './methods/bnn-flow.method.js';
import { elboLoss } from './model/elbo.loss.js';
import { mixtureNllLoss } from './heads/mixture-nll.loss.js';
import { BNN_MU_SIGMA, muSigmaReportSection } from './report/mu-sigma.report-section.js';
import { BNN_UNCERTAINTY_MAP, uncertaintyMapReportSection } from './report/uncertainty-map.report-section.js';

/** Plugin options: none yet (method options go in the run config's `method.options`). */
export const BnnPluginOptions = z.object({}).strict();
export type BnnPluginOptions = z.infer<typeof BnnPluginOptions>;

/**
 * The bnn plugin: registers `bnn`, `bnn-classifier`, `mc-dropout`, `mc-dropout-classifier` and
 * `bnn-flow`, the `elbo` and `gaussian-mixture-nll` losses, and the mu-sigma and uncertainty-map report sections.
 * @example const app = await createHepuq({ plugins: [bnn()] }); app.registries.methods.get('bnn')
 */
export function bnn(options: BnnPluginOptions = {}): HepuqPlugin {
  parsePluginOptions(BNN_PLUGIN_NAME, BnnPluginOptions, options);
  return {
    meta: { name: BNN_PLUGIN_NAME, version: BNN_VERSION, core: '^0.1.0' },
    register(ctx) {
      for (const method of [bnnMethod, bnnClassifierMethod, mcDropoutMethod, mcDropoutClassifierMethod, bnnFlowMethod]) {
        ctx.methods.add(method.key, method as never);
      }
      ctx.losses.add(elboLoss.key, elboLoss);
      ctx.losses.add(mixtureNllLoss.key, mixtureNllLoss);
      ctx.reportSections.add(BNN_MU_SIGMA, muSigmaReportSection());
      ctx.reportSections.add(BNN_UNCERTAINTY_MAP, uncertaintyMapReportSection());
    },
  };
}

export default bnn;
