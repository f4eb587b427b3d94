import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHepuq, Rng, type HepuqPlugin } from '@hepuq/core';
import {
  describeCommandConformance, describeReportSectionConformance, describeRunStepConformance, syntheticReportContext, syntheticRun,
} from '@hepuq/testing';
import { afterAll } from 'vitest';
import { caloganEval, gaussianSample, identityCov, PLUGIN_NAME } from './index.js';
import { logisticMethod } from './test-support/logistic-method.js';
import { tinyCsvFormat, toCsv } from './test-support/tiny-csv-format.js';

/** A csv reader and a cheap classifier, standing in for @hepuq/io and @hepuq/nn (not dependencies of this plugin). */
const testSupport: HepuqPlugin = {
  meta: { name: 'calogan-eval-conformance-support', version: '0.0.0', core: '^0.1.0' },
  register(ctx) {
    ctx.formats.add(tinyCsvFormat.key, tinyCsvFormat);
    ctx.methods.add(logisticMethod.key, logisticMethod);
  },
};
const plugins = () => [testSupport, caloganEval({ classifier: logisticMethod.key })];

// every command, step and report section the plugin registers, as an app sees them
const app = await createHepuq({ plugins: plugins() });
const dir = await mkdtemp(join(tmpdir(), 'calogan-conformance-'));
afterAll(async () => {
  app.dispose();
  await rm(dir, { recursive: true, force: true });
});

const names = ['e0', 'e1', 'e2'];
const rng = new Rng(2);
const ref = join(dir, 'ref.csv');
const gen = join(dir, 'gen.csv');
await writeFile(ref, toCsv(names, gaussianSample(400, [0, 0, 0], identityCov(3), rng).data));
await writeFile(gen, toCsv(names, gaussianSample(400, [0.3, 0, 0], identityCov(3), rng).data));

// the cheap metrics (the classifier test trains a model: its own spec covers it)
const metrics = ['fpd', 'w1', 'tails'];
const owned = <T>(entries: { value: T; owner: string }[]) => entries.filter((e) => e.owner === PLUGIN_NAME).map((e) => e.value);

for (const command of owned(app.registries.commands.entries())) {
  describeCommandConformance({
    command,
    plugins,
    examples: [{ options: { reference: ref, generated: gen, metrics: metrics.join(',') } }],
    invalid: [
      { options: { reference: ref, generated: gen, metrics: 'fpd,bogus' }, mentions: '--metrics' },
      { options: { reference: ref, generated: gen, kpdDegree: 'x' }, mentions: '--kpd-degree' },
      { options: { reference: ref, generated: join(dir, 'missing.csv'), metrics: 'fpd' }, mentions: 'missing.csv' },
    ],
    knownIssues: {
      globalFlags: '--seed is also the CLI\'s global flag, which commander consumes before the command sees it: `hepuq gen-eval --seed 2` sets the app seed and gen-eval keeps its default',
    },
  });
}

for (const step of owned(app.registries.steps.entries())) {
  describeRunStepConformance({
    step,
    plugins,
    options: { reference: 'test', generated: 'train', metrics },
    invalidOptions: [{ options: { reference: 'test', generated: 'train', metrics: ['fpd', 'nope'] }, field: 'metrics' }],
    volatile: [{ path: 'seconds', reason: 'wall-clock seconds per metric, reported for the timing table' }],
  });
}

/** A run whose gen-eval step compared its test set with its training set (two draws of one toy). */
async function contexts() {
  const step = app.registries.steps.get('gen-eval');
  const run = syntheticRun({ task: 'regression', n: 300, seed: 9 });
  const result = await step.run({ ...run, options: step.options.parse({ reference: 'test', generated: 'train', metrics }), rng: new Rng(1), services: app.services, events: app.events });
  return [syntheticReportContext({ task: 'regression', artifacts: { 'gen-eval': JSON.parse(JSON.stringify(result)) as unknown } })];
}

for (const section of owned(app.registries.reportSections.entries())) describeReportSectionConformance({ section, contexts });
