import { HepuqError, isGenerativeModel, RegistriesToken, z, type Dataset, type RunStep, type RunStepInput } from '@hepuq/core';
import type { ResolvedCaloganEvalOptions } from '../calogan-eval.options.js';
import { readSample } from '../command/read-samples.js';
import { PLUGIN_NAME } from '../plugin-meta.js';
import { sampleFromDataset, type FeatureSample } from '../sample/feature-sample.js';
import { evaluateGenerator } from './evaluate-generator.js';
import { GEN_EVAL, GenEvalOptions } from './gen-eval.options.js';

/** A sample: a file path, or `train` / `test` for the run's own datasets (`generated` also takes `model`). */
const SampleRef = z.string().min(1);

/** `generated: model` draws the sample from the run's fitted generative model. */
const FROM_MODEL = 'model';

/** The step's options: the samples, their columns, and every `GenEvalOptions` key. */
export const GenEvalStepOptions = GenEvalOptions.extend({
  /** Unset: the truth sample. */
  reference: SampleRef.optional(),
  generated: SampleRef,
  /** Amplification: a large sample of the true distribution (e.g. `test`, or a file). */
  truth: SampleRef.optional(),
  /** Amplification: the events the generator was trained on (default: the run's training set). */
  train: SampleRef.default('train'),
  /** Amplification: events sampled from a parametric fit to the training events. */
  fit: SampleRef.optional(),
  /** Events drawn from the run's model for `generated: model` (default: as many as the test set). */
  samples: z.number().int().positive().optional(),
  features: z.array(z.string().min(1)).min(1).optional(),
  weight: z.string().min(1).optional(),
})
  .strict()
  .superRefine((o, ctx) => {
    if (!o.reference && !o.truth) ctx.addIssue({ code: 'custom', path: ['reference'], message: 'required (or set `truth`, which then serves as the reference)' });
    if (o.metrics.includes('amplification') && !o.truth) {
      ctx.addIssue({ code: 'custom', path: ['truth'], message: 'the amplification metric needs a truth sample: a file, or `test` for the run\'s test set' });
    }
  });
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

async function resolveSample(ref: string, input: RunStepInput, features: readonly string[] | undefined, weight: string | undefined, samples?: number): Promise<FeatureSample> {
  if (ref === FROM_MODEL) return modelSample(input, features, samples);
  if (ref === 'train' || ref === 'test') {
    const ds: Dataset = input[ref];
    return sampleFromDataset(ds, features ?? ds.featureNames);
  }
  return readSample(input.services.resolve(RegistriesToken), ref, features, weight);
}

/** `n` events (default: the test set's size) drawn from the run's generative model. */
async function modelSample(input: RunStepInput, features: readonly string[] | undefined, n = input.test.n): Promise<FeatureSample> {
  const { model } = input;
  if (!isGenerativeModel(model)) {
    throw new HepuqError('InvalidConfig', `gen-eval: \`generated: ${FROM_MODEL}\` needs a generative method, but the run's model (${model.method}) has task ${model.task}`, { plugin: PLUGIN_NAME });
  }
  const { data } = await model.sample(n, input.rng.fork(FROM_MODEL));
  return sampleFromDataset(data, features ?? data.featureNames);
}

/**
 * The `gen-eval` run step. Options: `reference`, `generated` (file paths, or `train` / `test` for
 * the run's own datasets; `generated: model` draws `samples` events from the run's generative model),
 * `truth`, `train`, `fit` (amplification), `features`, `weight`, and every `GenEvalOptions` key
 * (`metrics`, `normalise`, `seed`, `fpd`, `kpd`, `w1`, `prdc`, `classifier`, `separation`, `tails`,
 * `amplification`); unset keys take the plugin defaults. The run validates them before training; the
 * JSON result lands in steps.json and the report section draws it.
 * @example steps: [{ use: gen-eval, options: { reference: geant4.csv, generated: test } }]   # in a run config
 */
export function genEvalStep(defaults: ResolvedCaloganEvalOptions): RunStep {
  return {
    key: GEN_EVAL,
    description: 'Evaluate generated events against a reference (FPD_inf, KPD, W1, PRDC, classifier test, separation power, tails, amplification)',
    options: z.preprocess((raw) => withDefaults(raw ?? {}, defaults), GenEvalStepOptions),
    check({ options, method }) {
      const o = options as GenEvalStepOptions;
      if (o.generated === FROM_MODEL && method.task !== 'generation') {
        throw new HepuqError('InvalidConfig', `steps: gen-eval: \`generated: ${FROM_MODEL}\` samples the run's model, but ${method.key} is a ${method.task} method`, {
          plugin: PLUGIN_NAME,
          hint: 'Use a generative method (e.g. bnn-flow), or give `generated` a file of generated events.',
        });
      }
    },
    async run(input) {
      const { reference, generated, truth, train, fit, samples, features, weight, ...options } = input.options as GenEvalStepOptions;
      // the reference's columns drive every other sample's; without a reference, the truth is the reference
      const ref = await resolveSample((reference ?? truth)!, input, features, weight);
      const names = features ?? ref.names;
      const truthSample = !truth ? undefined : reference ? await resolveSample(truth, input, names, weight) : ref;
      const gen = await resolveSample(generated, input, names, weight, samples);
      const amplification = options.metrics.includes('amplification') && truthSample
        ? { truth: truthSample, train: await resolveSample(train, input, names, weight), ...(fit ? { fit: await resolveSample(fit, input, names, weight) } : {}) }
        : undefined;
      const env = { methods: input.services.resolve(RegistriesToken).methods, ctx: { rng: input.rng, events: input.events, signal: input.signal }, amplification };
      return { ...(await evaluateGenerator(ref, gen, options, env)) };
    },
  };
}
