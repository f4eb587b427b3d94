import { HepuqError, parseOrThrow, RegistriesToken, z, type CommandDefinition } from '@hepuq/core';
import type { ResolvedCaloganEvalOptions } from '../calogan-eval.options.js';
import { GEN_EVAL, METRIC_KEYS } from '../evaluate/gen-eval.options.js';
import { evaluateGenerator } from '../evaluate/evaluate-generator.js';
import { PLUGIN_NAME } from '../plugin-meta.js';
import { genEvalReportDocument } from '../report/gen-eval.metrics.js';
import { NORMALISE_MODES } from '../sample/normalise.js';
import { formatGenEval } from './format-text.js';
import { readAmplificationSamples, readSamples } from './read-samples.js';

/** The entries of `o` that are set (an unset option must stay unset: the normalisation's conventions may fill it). */
const optional = <T extends Record<string, unknown>>(o: T): Partial<T> => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;

const list = z.string().transform((s) => s.split(',').map((x) => x.trim()).filter(Boolean));
const int = z.union([z.number(), z.string()]).transform((v) => Number(v)).pipe(z.number().int());

/** The flags as commander hands them over (strings; unset flags absent; unknown keys ignored). */
const CommandFlags = z.object({
  reference: z.string().min(1).optional(),
  generated: z.string().min(1),
  truth: z.string().min(1).optional(),
  train: z.string().min(1).optional(),
  fit: z.string().min(1).optional(),
  quantiles: list.pipe(z.array(z.string().transform(Number).pipe(z.number().int().min(2).max(1000))).min(1)).optional(),
  features: list.optional(),
  weight: z.string().min(1).optional(),
  metrics: list.pipe(z.array(z.enum(METRIC_KEYS)).min(1)).optional(),
  normalise: z.enum(NORMALISE_MODES).optional(),
  kpdDegree: int.pipe(z.number().min(1).max(8)).optional(),
  prdcK: int.pipe(z.number().min(1)).optional(),
  prdcBatch: int.pipe(z.number().min(2)).optional(),
  prdcThreads: int.pipe(z.number().min(1)).optional(),
  classifier: z.string().min(1).optional(),
  classifierOptions: z.string().transform((s, ctx) => {
    try {
      return JSON.parse(s) as Record<string, unknown>;
    } catch {
      ctx.addIssue({ code: 'custom', message: `not valid JSON: ${s}` });
      return z.NEVER;
    }
  }).optional(),
  seed: int.optional(),
  json: z.boolean().optional(),
  report: z.string().min(1).optional(),
});

/**
 * `hepuq gen-eval --reference ref.csv --generated gen.csv [--features a,b,c] [--weight w]
 * [--metrics fpd,kpd,w1,prdc,classifier,separation,tails,amplification] [--truth truth.csv --train train.csv
 * [--fit fit.csv] [--quantiles 5,10,20,50,100]] [--normalise reference|jetnet|none] [--kpd-degree 3]
 * [--prdc-k 5] [--prdc-batch n] [--prdc-threads n] [--classifier mlp-classifier] [--classifier-options '{"epochs":20}'] [--seed 1]
 * [--json] [--report dir]`. Files are read through the formats registry (format by extension);
 * without --reference the truth sample is the reference.
 * @example ctx.commands.add(GEN_EVAL, genEvalCommand(defaults))
 */
export function genEvalCommand(defaults: ResolvedCaloganEvalOptions): CommandDefinition {
  return {
    name: GEN_EVAL,
    description: 'Evaluate a generated sample against a reference: FPD_inf, KPD, W1, precision/recall/density/coverage, classifier test, separation power, tails, amplification',
    options: [
      { flags: '--reference <file>', description: 'reference (e.g. Geant4) events, any registered format (.csv, .npy, .h5, ...); file:item reads an item inside the file (showers.h5:/events); default: the --truth file' },
      { flags: '--generated <file>', description: 'generated events with the same feature columns' },
      { flags: '--truth <file>', description: 'amplification: a large sample of the true distribution, larger than every compared sample (quantile bins and expected fractions)' },
      { flags: '--train <file>', description: 'amplification: the events the generator was trained on' },
      { flags: '--fit <file>', description: 'amplification: events sampled from a parametric fit to the training events (optional)' },
      { flags: '--quantiles <list>', description: 'amplification: comma-separated quantiles per feature, one factor each (default: 5,10,20,50,100; q^d cells in d dimensions)' },
      { flags: '--features <list>', description: 'comma-separated feature columns (default: every column of the reference file)' },
      { flags: '--weight <column>', description: 'event-weight column in both files' },
      { flags: '--metrics <list>', description: `comma-separated subset of ${METRIC_KEYS.join(',')} (default: ${defaults.metrics.join(',')})` },
      {
        flags: '--normalise <mode>',
        description: `reference | jetnet | none: standardise features by the reference mean and std (reference), divide them by the reference max |x| and take JetNet's FPD/KPD defaults for unset options (jetnet), or keep raw units (none) (default: ${defaults.normalise})`,
      },
      { flags: '--kpd-degree <n>', description: `degree of the KPD polynomial kernel (x.y/d + 1)^n (default: ${defaults.kpdDegree ?? '3, or 4 with --normalise jetnet'})` },
      { flags: '--prdc-k <n>', description: `nearest neighbours of the PRDC balls (default: ${defaults.prdcK})` },
      { flags: '--prdc-batch <n>', description: `PRDC events per batch and sample, averaged over up to 5 disjoint batches (default: ${defaults.prdcBatch ?? 'none, PRDC on the full samples'})` },
      { flags: '--prdc-threads <n>', description: `worker threads for the PRDC distances, 1 for none; the numbers are the same bit for bit (default: ${defaults.prdcThreads ?? 'the available cores'})` },
      { flags: '--classifier <key>', description: `classification method from the registry for the two-sample test (default: ${defaults.classifier})` },
      { flags: '--classifier-options <json>', description: 'options of that method as JSON, e.g. {"epochs":20}' },
      { flags: '--seed <n>', description: `seed of every batch draw, split and bootstrap (default: ${defaults.seed})` },
      { flags: '--json', description: 'print one JSON object keyed by metric (fpd, kpd, w1, prdc, classifier, separation, tails, amplification, summary)' },
      { flags: '--report <dir>', description: 'write report.html with plots and the summary table', output: 'directory' },
    ],
    async run(_args, options, ctx) {
      const f = parseOrThrow(CommandFlags, options, { code: 'InvalidArgument', where: 'gen-eval', flags: true, plugin: PLUGIN_NAME });
      const registries = ctx.services.resolve(RegistriesToken);
      const metrics = f.metrics ?? defaults.metrics;
      const referenceFile = f.reference ?? f.truth;
      if (!referenceFile) {
        throw new HepuqError('InvalidArgument', 'gen-eval: --reference <file> is missing', { plugin: PLUGIN_NAME, hint: 'Pass --reference <file>, or --truth <file> (the truth sample then serves as the reference).' });
      }
      const { reference, generated } = await readSamples(registries, { reference: referenceFile, generated: f.generated, features: f.features, weight: f.weight });
      const amplification = metrics.includes('amplification')
        ? await readAmplificationSamples(registries, { truth: f.truth, train: f.train, fit: f.fit, weight: f.weight }, reference, referenceFile)
        : undefined;
      const seed = f.seed ?? defaults.seed;
      const result = await evaluateGenerator(
        reference,
        generated,
        {
          metrics,
          normalise: f.normalise ?? defaults.normalise,
          seed,
          kpd: optional({ degree: f.kpdDegree ?? defaults.kpdDegree }),
          prdc: { k: f.prdcK ?? defaults.prdcK, ...optional({ batchSize: f.prdcBatch ?? defaults.prdcBatch, threads: f.prdcThreads ?? defaults.prdcThreads }) },
          classifier: { method: f.classifier ?? defaults.classifier, methodOptions: f.classifierOptions ?? defaults.classifierOptions },
          ...(f.quantiles ? { amplification: { quantiles: f.quantiles } } : {}),
        },
        { methods: registries.methods, ctx: { rng: ctx.rng.fork(`${GEN_EVAL}:${seed}`), events: ctx.events }, amplification },
      );
      const written = f.report ? await ctx.writeReport(f.report, genEvalReportDocument(result)) : [];
      if (f.json || ctx.json) ctx.print(JSON.stringify(f.report ? { ...result, reportFiles: written } : result));
      else {
        formatGenEval(result).forEach((line) => ctx.print(line));
        if (f.report) ctx.print(`report: ${written.join(', ')}`);
      }
      return 0;
    },
  };
}
