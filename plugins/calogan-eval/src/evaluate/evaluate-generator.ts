import { HepuqError, parseOrThrow, Rng, type MethodContext, type UQMethod } from '@hepuq/core';
import { amplification } from '../amplification/amplification.metric.js';
import type { AmplificationSamples } from '../amplification/amplification-checks.js';
import { classifierTest } from '../classifier/classifier-test.js';
import { fpdInfinity } from '../metrics/fpd.metric.js';
import { kpd } from '../metrics/kpd.metric.js';
import { prdc } from '../metrics/prdc.metric.js';
import { separation } from '../metrics/separation-power.metric.js';
import { tailFractions } from '../metrics/tail-fraction.metric.js';
import { w1Marginals } from '../metrics/wasserstein.metric.js';
import { PLUGIN_NAME } from '../plugin-meta.js';
import type { FeatureSample } from '../sample/feature-sample.js';
import { normaliseSamples } from '../sample/normalise.js';
import { summaryTable } from '../summary/summary-table.js';
import { measureGenerationTime, type GeneratorFn } from '../timing/generation-timing.js';
import { classifierPlotData, separationPlotData, toOriginalUnits } from './plot-data.js';
import { GEN_EVAL_RESULT_KIND, type GenEvalResult } from './gen-eval.result.js';
import { GEN_EVAL, GenEvalOptions, type MetricKey } from './gen-eval.options.js';
import { conventionOptions } from './jetnet-conventions.js';

/**
 * What some metrics need from outside: the method registry and a method context (classifier test), a
 * generator (timing), the truth and training samples (amplification).
 */
export interface GenEvalEnvironment {
  methods?: { get(key: string): UQMethod };
  ctx?: MethodContext;
  generator?: GeneratorFn;
  /** The amplification study's other samples; the generated sample is the one evaluated. */
  amplification?: Omit<AmplificationSamples, 'generated'>;
}

/**
 * Evaluate a generated sample against a reference sample with the chosen metrics, each with its
 * error, plus a summary table of orthogonal numbers. Features are first normalised by the reference
 * (`normalise: 'reference'`; `'jetnet'` divides by the reference max |x| and takes JetNet's FPD/KPD
 * defaults for the options left unset); cuts, bins and regions are reported back in the original units.
 * The classifier test needs `env.methods` and `env.ctx`; timing runs when `env.generator` is given;
 * amplification needs `env.amplification` (truth and training samples; quantile bins make it
 * independent of the normalisation, so it sees the samples as given).
 * @example const result = await evaluateGenerator(ref, gen, { metrics: ['fpd', 'kpd', 'w1'] });
 */
export async function evaluateGenerator(reference: FeatureSample, generated: FeatureSample, options: GenEvalOptions = {}, env: GenEvalEnvironment = {}): Promise<GenEvalResult> {
  const opts = parseOrThrow(GenEvalOptions, options, { code: 'InvalidArgument', where: 'gen-eval options', plugin: PLUGIN_NAME });
  const wants = (m: MetricKey) => opts.metrics.includes(m);
  const norm = normaliseSamples(reference, generated, opts.normalise);
  const { reference: ref, generated: gen } = norm;
  const master = new Rng(opts.seed);
  const seedOf = (label: string) => master.fork(label).nextSeed();
  const seconds: Record<string, number> = {};
  const timed = async <T>(key: string, f: () => T | Promise<T>): Promise<T> => {
    const t0 = performance.now();
    const out = await f();
    seconds[key] = (performance.now() - t0) / 1000;
    return out;
  };
  const result: Omit<GenEvalResult, 'summary'> = {
    kind: GEN_EVAL_RESULT_KIND,
    reference: { source: reference.source, n: reference.n },
    generated: { source: generated.source, n: generated.n },
    features: [...reference.names],
    normalise: opts.normalise,
    seed: opts.seed,
    seconds,
  };
  // the normalisation's conventions (JetNet's FPD/KPD defaults for `jetnet`) under the options the user set
  const conventions = conventionOptions(opts.normalise, reference.n, generated.n, { fpd: opts.fpd, kpd: opts.kpd });
  if (wants('fpd')) result.fpd = await timed('fpd', () => fpdInfinity(ref, gen, { seed: seedOf('fpd'), ...conventions.fpd }));
  if (wants('kpd')) result.kpd = await timed('kpd', () => kpd(ref, gen, { seed: seedOf('kpd'), ...conventions.kpd }));
  if (wants('w1')) result.w1 = await timed('w1', () => w1Marginals(ref, gen, { seed: seedOf('w1'), ...opts.w1 }));
  if (wants('prdc')) result.prdc = await timed('prdc', () => prdc(ref, gen, { seed: seedOf('prdc'), ...opts.prdc }, { signal: env.ctx?.signal }));
  if (wants('separation')) {
    const sep = await timed('separation', () => separation(ref, gen, { seed: seedOf('separation'), ...opts.separation }));
    result.separation = separationPlotData(sep, ref, gen, norm);
  }
  if (wants('tails')) result.tails = await timed('tails', () => toOriginalUnits(tailFractions(ref, gen, opts.tails), norm));
  if (wants('classifier')) {
    if (!env.methods || !env.ctx) {
      throw new HepuqError('InvalidArgument', 'gen-eval: the classifier metric needs the method registry and a method context (env.methods, env.ctx)', { plugin: PLUGIN_NAME });
    }
    const copts = { seed: seedOf('classifier'), ...opts.classifier };
    const method = env.methods.get(copts.method ?? 'mlp-classifier');
    const c = await timed('classifier', () => classifierTest(ref, gen, method, copts, env.ctx!));
    result.classifier = classifierPlotData(c, norm);
  }
  if (wants('amplification')) {
    const samples = env.amplification;
    if (!samples?.truth || !samples.train) {
      throw new HepuqError('InvalidArgument', `gen-eval: the amplification metric needs a truth sample and the generator's training sample (env.amplification: { truth, train })`, {
        plugin: PLUGIN_NAME,
        hint: 'Pass --truth <large sample of the true distribution> and --train <the events the generator was trained on> (run step: truth:, train:), or drop amplification from the metrics.',
      });
    }
    const amp = await timed('amplification', () => amplification({ ...samples, generated }, { seed: seedOf('amplification'), ...opts.amplification }));
    for (const message of amp.warnings) env.ctx?.events.emit('log:warn', { message: `${GEN_EVAL}: amplification: ${message}` }, PLUGIN_NAME);
    result.amplification = amp;
  }
  if (env.generator) result.timing = await timed('timing', () => measureGenerationTime(env.generator!, opts.timing));
  return { ...result, summary: summaryTable(result) };
}
