// The amplification numbers of docs/methods/calogan-eval.md ("Amplification"), measured end to end
// through the CLI on the camel back (src/toys/camel-toys.ts):
//
//   npx tsx --tsconfig tsconfig.spec.json plugins/calogan-eval/scripts/amplification-study.ts
//
// (run from the repository root) writes, in a temporary directory, a truth sample, the training events,
// a test set and events from a two-Gaussian maximum-likelihood fit to the training events as CSV; trains
// bnn-flow on the training events with `hepuq run` (its gen-eval step draws from the fitted flow:
// `generated: model`), samples the flow into samples.csv, and runs
// `hepuq gen-eval --metrics amplification` on samples.csv; then rewrites every
// `<!-- amplification:camel:start -->` ... `:end -->` block with the table, and every
// `amplification:survey` block with the same study repeated on six training samples (seeds 1-6).
// test/e2e/amplification.spec.ts runs the first study and checks its behaviour against the survey's
// ranges. Same seeds and backend, same numbers.
import { readFileSync, writeFileSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { main } from '@hepuq/cli';
import { Rng } from '@hepuq/core';
import { documentationFiles, replaceBlocks } from '../../../scripts/generated-blocks.js';
import type { AmplificationResult } from '../src/amplification/amplification.result.js';
import { formatEquivalent } from '../src/amplification/format-equivalent.js';
import type { GenEvalResult } from '../src/evaluate/gen-eval.result.js';
import { toCsv } from '../src/test-support/tiny-csv-format.js';
import { CAMEL, fitMixture1d, mixtureSample } from '../src/toys/camel-toys.js';

export const REPO_ROOT = resolve(fileURLToPath(new URL('../../..', import.meta.url)));

/** Sizes and seeds of the study: 200 training events, 40k generated and fitted events, a 10x larger truth. */
export const STUDY = { truth: 400_000, train: 200, test: 2000, generated: 40_000, seed: 5, epochs: 200, quantiles: [5, 10, 20, 50, 100] } as const;

/** The gen-eval results of the study: the command on samples.csv, and the run step on the flow's own draw. */
export interface StudyResult {
  command: AmplificationResult;
  step: AmplificationResult;
}

async function cli(args: string[]): Promise<string[]> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(args, { out: (l) => out.push(l), err: (l) => err.push(l), tty: false });
  if (code !== 0) throw new Error(`hepuq ${args.join(' ')} exited with ${code}:\n${[...out, ...err].join('\n')}`);
  return out;
}

/**
 * Run the study in `dir` (a scratch directory): write the samples, train and sample the flow, evaluate.
 * @example const { command } = await amplificationStudy(await mkdtemp(join(tmpdir(), 'amp-')));
 */
export async function amplificationStudy(dir: string, seed: number = STUDY.seed): Promise<StudyResult> {
  await mkdir(dir, { recursive: true });
  const rng = new Rng(seed);
  const train = mixtureSample(STUDY.train, CAMEL, rng.fork('train'), 'train');
  const file = (name: string) => join(dir, name);
  await writeFile(file('truth.csv'), toCsv(['x'], mixtureSample(STUDY.truth, CAMEL, rng.fork('truth')).data));
  await writeFile(file('train.csv'), toCsv(['x'], train.data));
  await writeFile(file('test.csv'), toCsv(['x'], mixtureSample(STUDY.test, CAMEL, rng.fork('test')).data));
  await writeFile(file('fit.csv'), toCsv(['x'], mixtureSample(STUDY.generated, fitMixture1d(train, CAMEL), rng.fork('fit')).data));
  const quantiles = [...STUDY.quantiles];
  const config = {
    name: 'camel-flow',
    seed,
    data: { train: { path: file('train.csv'), features: ['x'] }, test: { path: file('test.csv'), features: ['x'] } },
    method: { use: 'bnn-flow', options: { epochs: STUDY.epochs, batchSize: 128 } },
    samples: STUDY.generated,
    report: false,
    steps: [{ use: 'gen-eval', options: { truth: file('truth.csv'), generated: 'model', samples: STUDY.generated, fit: file('fit.csv'), metrics: ['amplification'], amplification: { quantiles } } }],
  };
  await writeFile(file('run.json'), JSON.stringify(config));
  await cli(['run', file('run.json'), '--out', file('runs')]);
  const runDir = join(file('runs'), 'camel-flow');
  const steps = JSON.parse(await readFile(join(runDir, 'steps.json'), 'utf8')) as Record<string, GenEvalResult>;
  const out = await cli([
    'gen-eval', '--metrics', 'amplification', '--truth', file('truth.csv'), '--train', file('train.csv'), '--generated', join(runDir, 'samples.csv'),
    '--fit', file('fit.csv'), '--quantiles', quantiles.join(','), '--json',
  ]);
  const command = (JSON.parse(out.at(-1)!) as GenEvalResult).amplification!;
  return { command, step: steps['gen-eval'].amplification! };
}

/** The Markdown table of a study: factors with errors and 68% intervals per number of quantiles. */
export function studyTable(r: AmplificationResult): string {
  const head = '| quantiles | training sample (expected 1) | flow, 40k events | flow, plateau | two-Gaussian fit, 40k events |\n|---|---|---|---|---|\n';
  const rows = r.settings.map((s) => `| ${s.quantiles} | ${formatEquivalent(s.train.factor)} | ${formatEquivalent(s.generated.factor)} | ${formatEquivalent(s.generated.asymptotic.factor)} | ${s.fit ? formatEquivalent(s.fit.factor) : '-'} |`);
  return `<!-- generated by \`npx tsx --tsconfig tsconfig.spec.json plugins/calogan-eval/scripts/amplification-study.ts\`: edit the script, not this table -->\n${head}${rows.join('\n')}\n`;
}

/** Training samples of the survey: the study's seed changes the training events, the flow's initialisation and the draws. */
export const SURVEY_SEEDS = [1, 2, 3, 4, 5, 6] as const;

/**
 * The survey table: per training sample (seed), the flow's factor and its gain over its own training
 * sample (MSE_train / MSE_flow) at the coarsest and finest quantiles, and the fit's factor at the finest.
 */
export function surveyTable(results: readonly AmplificationResult[]): string {
  const [lo, hi] = [STUDY.quantiles[0], STUDY.quantiles.at(-1)];
  const head = `| training sample (seed) | flow factor, ${lo} quantiles | flow factor, ${hi} quantiles | gain over the training sample, ${lo} quantiles | gain, ${hi} quantiles | fit factor, ${hi} quantiles |\n|---|---|---|---|---|---|\n`;
  const rows = results.map((r, i) => {
    const [c, f] = [r.settings[0], r.settings.at(-1)!];
    const gain = (s: typeof c) => (s.train.mse / s.generated.mse).toFixed(2);
    return `| ${SURVEY_SEEDS[i]} | ${formatEquivalent(c.generated.factor)} | ${formatEquivalent(f.generated.factor)} | ${gain(c)} | ${gain(f)} | ${f.fit ? formatEquivalent(f.fit.factor) : '-'} |`;
  });
  return `<!-- generated by \`npx tsx --tsconfig tsconfig.spec.json plugins/calogan-eval/scripts/amplification-study.ts\`: edit the script, not this table -->\n${head}${rows.join('\n')}\n`;
}

async function runStudy(): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'hepuq-amplification-'));
  try {
    const tables: Record<string, string> = { camel: studyTable((await amplificationStudy(join(dir, 'study'))).command) };
    const survey: AmplificationResult[] = [];
    for (const seed of SURVEY_SEEDS) survey.push((await amplificationStudy(join(dir, `seed-${seed}`), seed)).command);
    tables.survey = surveyTable(survey);
    for (const f of documentationFiles(REPO_ROOT)) {
      const path = join(REPO_ROOT, f);
      const text = readFileSync(path, 'utf8');
      const next = replaceBlocks(text, 'amplification', (id) => {
        if (!tables[id]) throw new Error(`${f}: unknown block amplification:${id} (amplification:camel and amplification:survey exist)`);
        return tables[id];
      }, f);
      if (next !== text) writeFileSync(path, next);
    }
    process.stdout.write(`${tables.camel}\n${tables.survey}`);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) await runStudy();
