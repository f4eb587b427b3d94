import { parsePluginOptions, z, type HepuqPlugin, type ToyGenerator } from '@hepuq/core';
import { amplitudeToy } from './amplitude.toy.js';
import { aware2dToy } from './aware-2d.toy.js';
import { dijetToy } from './dijet.toy.js';
import { gap1dToy } from './gap.toy.js';
import { gaussianRingToy } from './gaussian-ring.toy.js';
import { heteroscedastic1dToy } from './heteroscedastic.toy.js';
import { jetsToy } from './jets.toy.js';
import { kickerRampToy } from './kicker-ramp.toy.js';
import { massSculptToy } from './mass-sculpt.toy.js';
import { pivot2dToy } from './pivot-2d.toy.js';
import { responseToy } from './response.toy.js';
import { threeClass2dToy } from './three-class.toy.js';
import { twoClass2dToy } from './two-class.toy.js';
import { twoTarget2dToy } from './two-target.toy.js';
import { unfoldGaussToy } from './unfold-gauss.toy.js';
import { unfoldMultiToy } from './unfold-multi.toy.js';
import { DATASETS_META, DATASETS_PLUGIN_NAME } from './plugin-meta.js';
import { wedgeRampToy } from './wedge-ramp.toy.js';

/** The plugin takes no options today; the strict object rejects typos early. */
export const DatasetsPluginOptions = z.object({}).strict();
export type DatasetsPluginOptions = z.infer<typeof DatasetsPluginOptions>;

/** Every toy this package ships, in registration order. */
export const ALL_TOYS: readonly ToyGenerator[] = [
  heteroscedastic1dToy, gap1dToy, amplitudeToy, twoTarget2dToy, twoClass2dToy, threeClass2dToy, wedgeRampToy, kickerRampToy, gaussianRingToy,
  pivot2dToy, aware2dToy, massSculptToy, dijetToy, jetsToy,
  unfoldGaussToy, unfoldMultiToy, responseToy,
];

/**
 * The datasets plugin: registers every toy generator with known truth in `ctx.toys`.
 * @example const app = await createHepuq({ plugins: [datasets()] }); app.registries.toys.get('gap-1d');
 */
export function datasets(options: DatasetsPluginOptions = {}): HepuqPlugin {
  parsePluginOptions(DATASETS_PLUGIN_NAME, DatasetsPluginOptions, options);
  return {
    meta: DATASETS_META,
    register(ctx) {
      for (const toy of ALL_TOYS) ctx.toys.add(toy.key, toy);
    },
  };
}

export default datasets;
