import { RegistriesToken, z, type Dataset, type RunStep, type RunStepInput } from '@hepuq/core';
import type { ResolvedCaloganEvalOptions } from '../calogan-eval.options.js';
import { readSample } from '../command/read-samples.js';
import { sampleFromDataset, type FeatureSample } from '../sample/feature-sample.js';
import { evaluateGenerator } from './evaluate-generator.js';
import { GEN_EVAL, GenEvalOptions } from './gen-eval.options.js';

/** `reference` / `generated`: a file path, or `train` / `test` for the run's own datasets. */
const SampleRef = z.string().min(1);

/** The step's options: the two samples, their columns, and every `GenEvalOptions` key. */
export const GenEvalStepOptions = GenEvalOptions.extend({
  reference: SampleRef,
  generated: SampleRef,
  features: z.array(z.string().min(1)).min(1).optional(),
  weight: z.string().min(1).optional(),
}).strict();
export type GenEvalStepOptions = z.output<typeof GenEvalStepOptions>;

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** User options over the plugin defaults (nested blocks merged key by key). */
function withDefaults(raw: unknown, d: ResolvedCaloganEvalOptions): unknown {
  if (!isObject(raw)) return raw;
  const nested = (key: string, base: Record<string, unknown>) => ({ ...base, ...(isObject(raw[key]) ? raw[key] : {}) });
  return {
    metrics: d.metrics, normalise: d.normalise, seed: d.seed, ...raw,
    kpd: nested('kpd', d.kpdDegree === undefined ? {} : { degree: d.kpdDegree }),
    prdc: nested('prdc', { k: d.prdcK, ...(d.prdcBatch === undefined ? {} : { batchSize: d.prdcBatch }), ...(d.prdcThreads === undefined ? {} : { threads: d.prdcThreads }) }),
    classifier: nested('classifier', { method: d.classifier, methodOptions: d.classifierOptions }),
  };
}

async function resolveSample(ref: string, input: RunStepInput, features: readonly string[] | undefined, weight: string | undefined): Promise<FeatureSample> {
  if (ref === 'train' || ref === 'test') {
    const ds: Dataset = input[ref];
    return sampleFromDataset(ds, features ?? ds.featureNames);
  }
  return readSample(input.services.resolve(RegistriesToken), ref, features, weight);
}

/**
 * The `gen-eval` run step. Options: `reference`, `generated` (file paths, or `train` / `test` for
 * the run's own datasets), `features`, `weight`, and every `GenEvalOptions` key (`metrics`,
 * `normalise`, `seed`, `fpd`, `kpd`, `w1`, `prdc`, `classifier`, `separation`, `tails`); unset keys
 * take the plugin defaults. The run validates them before training; the JSON result lands in
 * steps.json and the report section draws it.
 * @example steps: [{ use: gen-eval, options: { reference: geant4.csv, generated: test } }]   # in a run config
 */
export function genEvalStep(defaults: ResolvedCaloganEvalOptions): RunStep {
  return {
    key: GEN_EVAL,
    description: 'Evaluate generated events against a reference (FPD_inf, KPD, W1, PRDC, classifier test, separation power, tails)',
    options: z.preprocess((raw) => withDefaults(raw ?? {}, defaults), GenEvalStepOptions),
    async run(input) {
      const { reference, generated, features, weight, ...options } = input.options as GenEvalStepOptions;
      const ref = await resolveSample(reference, input, features, weight);
      const gen = await resolveSample(generated, input, features ?? ref.names, weight);
      const env = { methods: input.services.resolve(RegistriesToken).methods, ctx: { rng: input.rng, events: input.events, signal: input.signal } };
      return { ...(await evaluateGenerator(ref, gen, options, env)) };
    },
  };
}
