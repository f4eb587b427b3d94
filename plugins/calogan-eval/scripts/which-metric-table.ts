// The "Which metric catches what" table of plugins/calogan-eval/README.md and docs/methods/calogan-eval.md,
// computed cell by cell from the Gaussian toys of src/evaluate/distortions.spec.ts.
//
//   npx tsx --tsconfig tsconfig.spec.json plugins/calogan-eval/scripts/which-metric-table.ts
//
// (run from the repository root; `--tsconfig tsconfig.spec.json` makes @hepuq/* resolve to the sources,
// as in the tests) rewrites every `<!-- calogan-eval:which-metric:start -->` ... `:end -->` block.
// src/evaluate/which-metric-table.spec.ts recomputes the table and fails when a block differs from it.
// Every number is a pure function of the seeds below (float64 JavaScript, no tensors), so the table
// is the same on every machine.
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { EventBus, formatWithError, Rng, type UQMethod } from '@hepuq/core';
import { documentationFiles, replaceBlocks } from '../../../scripts/generated-blocks.js';
import { evaluateGenerator } from '../src/evaluate/evaluate-generator.js';
import type { GenEvalResult } from '../src/evaluate/gen-eval.result.js';
import { logisticMethod } from '../src/test-support/logistic-method.js';
import { concatSamples, dropTail, gaussianSample, identityCov } from '../src/toys/gaussian-toys.js';
import type { FeatureSample } from '../src/sample/feature-sample.js';

/** Events per sample: large enough that every distortion but the 0.1 sigma shift stands far above the noise, small enough for a spec. */
export const EVENTS = 5000;
/** Seed of every stream: column c draws its samples from `new Rng(SEED).fork(c)`, and gen-eval runs with `seed: SEED`. */
export const SEED = 1;
/** The reference: N(0, C) in 3-d with corr(x0, x1) = 0.4 (Kansal et al. 2211.10295, table 1 style). */
const COV = [1, 0.4, 0, 0.4, 1, 0, 0, 0, 1];
/** The bimodal column: x0 ~ (N(-0.9, 0.19) + N(0.9, 0.19))/2 has the unit Gaussian's mean, variance and skew. */
const MIXTURE_COV = [0.19, 0, 0, 0, 1, 0, 0, 0, 1];

/** One column: a reference and a generator with one hand-made distortion, drawn from `rng`. */
interface Distortion {
  header: string;
  samples: (rng: Rng) => { reference: FeatureSample; generated: FeatureSample };
}

const gaussianPair = (mean: number[], cov: number[]) => (rng: Rng) => ({
  reference: gaussianSample(EVENTS, [0, 0, 0], COV, rng, 'reference'),
  generated: gaussianSample(EVENTS, mean, cov, rng, 'generated'),
});

/** The columns of the table, in order. */
export const DISTORTIONS: readonly Distortion[] = [
  { header: 'truth', samples: gaussianPair([0, 0, 0], COV) },
  { header: 'shift 0.5σ', samples: gaussianPair([0.5, 0, 0], COV) },
  { header: 'shift 0.1σ', samples: gaussianPair([0.1, 0, 0], COV) },
  { header: 'cov ×4', samples: gaussianPair([0, 0, 0], COV.map((c) => 4 * c)) },
  { header: 'cov ÷4', samples: gaussianPair([0, 0, 0], COV.map((c) => c / 4)) },
  {
    header: 'no tail x0 > 1.5',
    // P(x0 > 1.5) = 6.7%: draw EVENTS / 0.933 and drop the tail, so about EVENTS remain
    samples: (rng) => ({
      reference: gaussianSample(EVENTS, [0, 0, 0], COV, rng, 'reference'),
      generated: dropTail(gaussianSample(Math.round(EVENTS / 0.933), [0, 0, 0], COV, rng, 'generated'), 0, 1.5),
    }),
  },
  {
    header: 'bimodal x0',
    samples: (rng) => ({
      reference: gaussianSample(EVENTS, [0, 0, 0], identityCov(3), rng, 'reference'),
      generated: concatSamples(gaussianSample(EVENTS / 2, [-0.9, 0, 0], MIXTURE_COV, rng), gaussianSample(EVENTS / 2, [0.9, 0, 0], MIXTURE_COV, rng)),
    }),
  },
];

/** The classifier of the classifier test: the quadratic logistic regression the plugin's tests use (no tensors). */
const methods = {
  get(key: string): UQMethod {
    if (key !== logisticMethod.key) throw new Error(`which-metric table: no classifier "${key}"`);
    return logisticMethod as unknown as UQMethod;
  },
};

/**
 * Every metric of gen-eval with its default options, except the classifier and PRDC's batches: 5
 * disjoint batches of 1000 instead of the full samples of 5000 (exact k-NN costs batchSize^2: 25x less, so the
 * spec stays fast, and the error comes from the spread over batches).
 */
async function evaluateColumn(distortion: Distortion, column: number): Promise<GenEvalResult> {
  const { reference, generated } = distortion.samples(new Rng(SEED).fork(column));
  return evaluateGenerator(
    reference,
    generated,
    { metrics: ['fpd', 'kpd', 'w1', 'prdc', 'classifier', 'separation', 'tails'], prdc: { batchSize: 1000 }, classifier: { method: logisticMethod.key }, seed: SEED },
    { methods, ctx: { rng: new Rng(SEED), events: new EventBus() } },
  );
}

const milli = (v: { value: number; error: number }) => formatWithError(1e3 * v.value, 1e3 * v.error);
const plain = (v: { value: number; error: number }) => formatWithError(v.value, v.error);

/** The rows of the table: a label and the cell of one evaluated column. */
const ROWS: readonly { label: string; cell: (r: GenEvalResult) => string }[] = [
  { label: 'FPD_inf ×10³', cell: (r) => milli(r.fpd!) },
  { label: 'KPD ×10³ (median of batches)', cell: (r) => milli(r.kpd!) },
  { label: 'W1, mean over features ×10³', cell: (r) => milli(r.w1!.mean) },
  { label: 'W1 noise floor ×10³', cell: (r) => milli({ value: r.w1!.noiseFloor.value, error: r.w1!.noiseFloor.meanError }) },
  { label: 'precision', cell: (r) => plain(r.prdc!.precision) },
  { label: 'recall', cell: (r) => plain(r.prdc!.recall) },
  { label: 'density', cell: (r) => plain(r.prdc!.density) },
  { label: 'coverage', cell: (r) => plain(r.prdc!.coverage) },
  { label: 'separation, mean over features ×10³', cell: (r) => milli(r.separation!.mean) },
  { label: 'separation noise floor ×10³', cell: (r) => (1e3 * r.separation!.mean.noiseFloor).toPrecision(2) },
  { label: 'worst tail ratio (feature, side)', cell: ({ tails }) => `${plain({ value: tails!.worst.ratio, error: tails!.worst.error })} (${tails!.worst.feature} ${tails!.worst.side})` },
  { label: 'classifier AUC', cell: (r) => plain(r.classifier!.auc) },
  { label: 'classifier JSD (bits)', cell: (r) => plain(r.classifier!.jsd) },
  {
    label: 'summary rows that deviate (> 3σ)',
    cell: (r) => r.summary.filter((s) => s.verdict === 'deviates').map((s) => s.aspect).join(', ') || 'none',
  },
];

/**
 * The table as Markdown (ending with a newline): every cell computed now from the toys above.
 * @example const table = await whichMetricTable(); // '| metric | truth | shift 0.5σ | ...'
 */
export async function whichMetricTable(): Promise<string> {
  const results: GenEvalResult[] = [];
  for (const [c, distortion] of DISTORTIONS.entries()) results.push(await evaluateColumn(distortion, c));
  const header = ['metric', ...DISTORTIONS.map((d) => d.header)];
  const lines = [
    '<!-- generated by `npx tsx --tsconfig tsconfig.spec.json plugins/calogan-eval/scripts/which-metric-table.ts`: edit the script, not this table -->',
    `| ${header.join(' | ')} |`,
    `|${header.map(() => '---').join('|')}|`,
    ...ROWS.map((row) => `| ${[row.label, ...results.map(row.cell)].join(' | ')} |`),
  ];
  return `${lines.join('\n')}\n`;
}

/**
 * `text` with every which-metric block replaced by `table`.
 * @example renderWhichMetricBlocks(readme, await whichMetricTable()) === readme // up to date
 */
export function renderWhichMetricBlocks(text: string, table: string, source = 'text'): string {
  return replaceBlocks(text, 'calogan-eval', (id) => {
    if (id !== 'which-metric') throw new Error(`${source}: unknown calogan-eval block "${id}"`);
    return table;
  }, source);
}

/** The repository root (this file lives in plugins/calogan-eval/scripts/). */
export const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));

async function main(): Promise<void> {
  const table = await whichMetricTable();
  for (const file of documentationFiles(REPO_ROOT)) {
    const path = join(REPO_ROOT, file);
    const text = readFileSync(path, 'utf8');
    const next = renderWhichMetricBlocks(text, table, file);
    if (next === text) continue;
    writeFileSync(path, next);
    process.stdout.write(`rewritten: ${file}\n`);
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) await main();
