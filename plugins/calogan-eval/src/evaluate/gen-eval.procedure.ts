import { Dataset, HepuqError, type HepuqApp, type InferenceProcedure } from '@hepuq/core';
import type { ResolvedCaloganEvalOptions } from '../calogan-eval.options.js';
import { readSample } from '../command/read-samples.js';
import { PLUGIN_NAME } from '../plugin-name.js';
import { sampleFromDataset, type FeatureSample } from '../sample/feature-sample.js';
import { evaluateGenerator } from './evaluate-generator.js';
import { GEN_EVAL, GenEvalOptions } from './gen-eval.options.js';
import type { GenEvalResult } from './gen-eval.result.js';

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** A sample given as a file path, `train`/`test` (the run's datasets) or a Dataset. */
type SampleRef = string | Dataset;

async function resolveSample(ref: SampleRef, input: Record<string, unknown>, app: HepuqApp | undefined, features: readonly string[] | undefined, weight: string | undefined): Promise<FeatureSample> {
  if (ref instanceof Dataset) return sampleFromDataset(ref, features ?? ref.featureNames);
  if (ref === 'train' || ref === 'test') {
    const ds = input[ref];
    if (!(ds instanceof Dataset)) throw new HepuqError('InvalidConfig', `step "${GEN_EVAL}": "${ref}" names the run's ${ref} dataset, which this call does not have`, { plugin: PLUGIN_NAME });
    return sampleFromDataset(ds, features ?? ds.featureNames);
  }
  if (!app) throw new HepuqError('InvalidConfig', `step "${GEN_EVAL}": reading ${ref} needs the app (run steps receive it)`, { plugin: PLUGIN_NAME });
  return readSample(app.registries, ref, features, weight);
}

/**
 * The `gen-eval` run step. Options: `reference`, `generated` (file paths, or `train` / `test` for the
 * run's own datasets, or Datasets in a direct call), `features`, `weight`, and every `GenEvalOptions`
 * key (`metrics`, `normalise`, `seed`, `fpd`, `kpd`, `w1`, `prdc`, `classifier`, `separation`, `tails`);
 * unset keys take the plugin defaults. Returns the JSON result the run stores in steps.json and the
 * report section draws.
 * @example steps: [{ use: gen-eval, options: { reference: geant4.csv, generated: test } }]   # in a run config
 */
export function genEvalProcedure(defaults: ResolvedCaloganEvalOptions): InferenceProcedure<unknown, GenEvalResult & Record<string, unknown>> {
  return {
    key: GEN_EVAL,
    description: 'Evaluate generated events against a reference (FPD_inf, KPD, W1, PRDC, classifier test, separation power, tails)',
    async run(input: unknown) {
      if (!isObject(input)) throw new HepuqError('InvalidConfig', `step "${GEN_EVAL}": input must be an object`, { plugin: PLUGIN_NAME });
      const settings = isObject(input.options) ? input.options : input;
      const app = input.app as HepuqApp | undefined;
      const { reference, generated, features, weight, ...rest } = settings as Record<string, unknown>;
      if (!(typeof reference === 'string' || reference instanceof Dataset) || !(typeof generated === 'string' || generated instanceof Dataset)) {
        throw new HepuqError('InvalidConfig', `step "${GEN_EVAL}": options.reference and options.generated must be file paths, "train"/"test" or Datasets`, { plugin: PLUGIN_NAME });
      }
      const feats = Array.isArray(features) ? features.map(String) : undefined;
      const w = typeof weight === 'string' ? weight : undefined;
      const ref = await resolveSample(reference, input, app, feats, w);
      const gen = await resolveSample(generated, input, app, feats ?? ref.names, w);
      const merged = {
        metrics: defaults.metrics,
        normalise: defaults.normalise,
        seed: defaults.seed,
        ...rest,
        kpd: { degree: defaults.kpdDegree, ...(isObject(rest.kpd) ? rest.kpd : {}) },
        prdc: { k: defaults.prdcK, ...(isObject(rest.prdc) ? rest.prdc : {}) },
        classifier: { method: defaults.classifier, methodOptions: defaults.classifierOptions, ...(isObject(rest.classifier) ? rest.classifier : {}) },
      };
      const parsed = GenEvalOptions.safeParse(merged);
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        throw new HepuqError('InvalidConfig', `step "${GEN_EVAL}": options.${issue.path.join('.')}: ${issue.message}`, { plugin: PLUGIN_NAME });
      }
      const env = app ? { methods: app.registries.methods, ctx: { rng: app.rng.fork(GEN_EVAL), events: app.events } } : {};
      return (await evaluateGenerator(ref, gen, parsed.data, env)) as GenEvalResult & Record<string, unknown>;
    },
  };
}
