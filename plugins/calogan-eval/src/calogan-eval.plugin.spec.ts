import { readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHepuq, Dataset, HepuqError, Rng, type HepuqApp, type RunStepInput } from '@hepuq/core';
import { captureCommandContext } from '@hepuq/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import caloganEvalDefault, { caloganEval } from './calogan-eval.plugin.js';
import { CaloganEvalOptions } from './calogan-eval.options.js';
import { GEN_EVAL, METRIC_KEYS } from './evaluate/gen-eval.options.js';
import { genEvalStep } from './evaluate/gen-eval.step.js';
import type { GenEvalResult } from './evaluate/gen-eval.result.js';
import { PLUGIN_NAME } from './plugin-meta.js';
import { logisticMethod } from './test-support/logistic-method.js';
import { tinyCsvFormat, toCsv } from './test-support/tiny-csv-format.js';
import { gaussianSample, identityCov } from './toys/gaussian-toys.js';

const testPlugin = {
  meta: { name: 'test-support', version: '0.0.0', core: '^0.1.0' },
  register(ctx: Parameters<ReturnType<typeof caloganEval>['register']>[0]) {
    ctx.formats.add(tinyCsvFormat.key, tinyCsvFormat);
    ctx.methods.add(logisticMethod.key, logisticMethod);
  },
};

let dir: string;
let app: HepuqApp;
const names = ['e_layer0', 'e_layer1', 'e_total'];

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'gen-eval-'));
  const rng = new Rng(1);
  await writeFile(join(dir, 'ref.csv'), toCsv(names, gaussianSample(1500, [0, 0, 0], identityCov(3), rng).data));
  await writeFile(join(dir, 'gen.csv'), toCsv(names, gaussianSample(1500, [0.4, 0, 0], identityCov(3), rng).data));
  await writeFile(join(dir, 'gen.txt'), 'x\n1\n');
  app = await createHepuq({ seed: 1, plugins: [testPlugin, caloganEval({ classifier: 'test/logistic' })] });
});

afterAll(async () => {
  app.dispose();
  await rm(dir, { recursive: true, force: true });
});

const commandContext = (json = false) => captureCommandContext(app, json);

describe('caloganEval plugin', () => {
  it('is a named and default factory with meta from package.json and validates its options', () => {
    expect(caloganEvalDefault).toBe(caloganEval);
    const p = caloganEval();
    const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { name: string; version: string; peerDependencies: Record<string, string> };
    expect(p.meta).toEqual({ name: pkg.name, version: pkg.version, core: pkg.peerDependencies['@hepuq/core'] });
    expect(PLUGIN_NAME).toBe(pkg.name);
    expect(() => caloganEval({ kpdDegree: 0 })).toThrow(HepuqError);
    expect(() => caloganEval({ prdcThreads: 0 })).toThrow(/prdcThreads/);
    expect(() => caloganEval({ prdcK: 5, bogus: 1 } as never)).toThrow(/bogus|Unrecognized|unrecognized/);
  });

  it('registers the gen-eval command, run step and report section', () => {
    expect(app.registries.commands.has(GEN_EVAL)).toBe(true);
    expect(app.registries.steps.has(GEN_EVAL)).toBe(true);
    expect(app.registries.reportSections.has(GEN_EVAL)).toBe(true);
  });
});

describe('hepuq gen-eval', () => {
  it('--json prints one object keyed by metric, each with values and errors, and --report writes plots', async () => {
    const { ctx, lines, reports } = commandContext();
    const cmd = app.registries.commands.get(GEN_EVAL);
    const code = await cmd.run([], {
      reference: join(dir, 'ref.csv'), generated: join(dir, 'gen.csv'), metrics: 'fpd,kpd,w1,prdc,classifier,separation',
      kpdDegree: '3', prdcK: '4', seed: '2', json: true, report: join(dir, 'report'),
    }, ctx);
    expect(code).toBe(0);
    expect(lines).toHaveLength(1);
    const out = JSON.parse(lines[0]) as GenEvalResult & { reportFiles: string[] };
    expect(out.features).toEqual(names);
    expect(out.fpd!.value).toBeGreaterThan(5 * out.fpd!.error);
    expect(out.kpd).toMatchObject({ degree: 3 });
    expect(out.kpd!.error).toBeGreaterThan(0);
    expect(out.w1!.features.map((f) => f.feature)).toEqual(names);
    expect(out.prdc!.k).toBe(4);
    for (const k of ['precision', 'recall', 'density', 'coverage'] as const) expect(out.prdc![k].error).toBeGreaterThanOrEqual(0);
    expect(out.classifier!.method).toBe('test/logistic');
    expect(out.classifier!.auc.value).toBeGreaterThan(0.5 + 3 * out.classifier!.auc.error);
    expect(out.separation!.features).toHaveLength(3);
    expect(out.tails).toBeUndefined();
    expect(out.summary.length).toBeGreaterThanOrEqual(4);
    expect(out.reportFiles).toEqual([join(dir, 'report', 'report.html')]);
    const doc = reports[0].doc;
    expect(doc.plots.map((p) => p.name)).toEqual(expect.arrayContaining(['fpd-extrapolation', 'kpd-batches', 'w1-marginals', 'classifier-roc', 'classifier-weights', 'separation-e_layer0']));
    for (const p of doc.plots) expect(p.spec.$schema).toMatch(/vega-lite/);
    expect(doc.metrics.fpd.error).toBeGreaterThan(0);
    expect(doc.html!.join('')).toContain('Generator summary');
  });

  it('prints a readable table without --json, with every column of the file as features by default', async () => {
    const { ctx, lines } = commandContext();
    await app.registries.commands.get(GEN_EVAL).run([], { reference: join(dir, 'ref.csv'), generated: join(dir, 'gen.csv'), metrics: 'fpd,w1,tails' }, ctx);
    expect(lines[0]).toContain('3 features');
    expect(lines.some((l) => l.includes('FPD_inf') && l.includes('±'))).toBe(true);
    expect(lines.some((l) => l.includes('tails'))).toBe(true);
  });

  it('--normalise jetnet divides by the reference max |x| and takes JetNet\'s KPD/FPD defaults; explicit flags win', async () => {
    const cmd = app.registries.commands.get(GEN_EVAL);
    const run = async (o: Record<string, unknown>) => {
      const { ctx, lines } = commandContext();
      await cmd.run([], { reference: join(dir, 'ref.csv'), generated: join(dir, 'gen.csv'), metrics: 'fpd,kpd', json: true, ...o }, ctx);
      return JSON.parse(lines[0]) as GenEvalResult;
    };
    const jetnet = await run({ normalise: 'jetnet' });
    expect(jetnet.normalise).toBe('jetnet');
    // JetNet's kpd: degree 4, 10 batches (of min(5000, n/10) = 150 events here)
    expect(jetnet.kpd).toMatchObject({ degree: 4, batchSize: 150 });
    expect(jetnet.kpd!.values).toHaveLength(10);
    // JetNet's fpd range 20k..50k shrinks to 0.4 n .. n below 50k events: 600 .. 1500 (10 sizes in 1/N,
    // rounded to whole chunks of 60 events, where two of them meet)
    expect(jetnet.fpd!.points.length).toBeGreaterThanOrEqual(9);
    expect(jetnet.fpd!.points[0].n).toBe(600);
    expect(jetnet.fpd!.points.at(-1)!.n).toBe(1500);
    const explicit = await run({ normalise: 'jetnet', kpdDegree: '2' });
    expect(explicit.kpd!.degree).toBe(2);
    const standard = await run({});
    expect(standard.kpd!.degree).toBe(3);
    expect(standard.fpd!.points.at(-1)!.n).toBe(750); // hepuq's own range: n/10 .. n/2
  });

  it('--prdc-batch cuts PRDC into batches; without it PRDC runs on the full samples', async () => {
    const cmd = app.registries.commands.get(GEN_EVAL);
    const run = async (o: Record<string, unknown>) => {
      const { ctx, lines } = commandContext();
      await cmd.run([], { reference: join(dir, 'ref.csv'), generated: join(dir, 'gen.csv'), metrics: 'prdc', json: true, ...o }, ctx);
      return JSON.parse(lines[0]) as GenEvalResult;
    };
    expect((await run({})).prdc).toMatchObject({ batchSize: 1500, generatedBatchSize: 1500, batches: 1, fullSamples: true });
    const batched = await run({ prdcBatch: '500' });
    expect(batched.prdc).toMatchObject({ batchSize: 500, generatedBatchSize: 500, batches: 3, fullSamples: false });
    expect(batched.summary.find((r) => r.aspect === 'manifold')!.metric).toBe('coverage (k=5, 3 batches of 500 x 500 events)');
    const { ctx, lines } = commandContext();
    await cmd.run([], { reference: join(dir, 'ref.csv'), generated: join(dir, 'gen.csv'), metrics: 'prdc' }, ctx);
    expect(lines.some((l) => l.includes('precision') && l.includes('full samples, 1500 x 1500 events'))).toBe(true);
    await expect(run({ prdcBatch: '1' })).rejects.toThrow(/--prdc-batch/);
  });

  it('--prdc-threads spreads the PRDC distances over worker threads with the same numbers; 0 is rejected', async () => {
    const cmd = app.registries.commands.get(GEN_EVAL);
    const run = async (o: Record<string, unknown>) => {
      const { ctx, lines } = commandContext();
      await cmd.run([], { reference: join(dir, 'ref.csv'), generated: join(dir, 'gen.csv'), metrics: 'prdc', json: true, ...o }, ctx);
      return JSON.parse(lines[0]) as GenEvalResult;
    };
    expect((await run({ prdcThreads: '2' })).prdc).toEqual((await run({ prdcThreads: '1' })).prdc);
    await expect(run({ prdcThreads: '0' })).rejects.toThrow(/--prdc-threads/);
  });

  it('names the offending flag, column or file in its errors', async () => {
    const cmd = app.registries.commands.get(GEN_EVAL);
    const run = (o: Record<string, unknown>) => cmd.run([], { reference: join(dir, 'ref.csv'), generated: join(dir, 'gen.csv'), ...o }, commandContext().ctx);
    await expect(run({ metrics: 'fpd,bogus' })).rejects.toThrow(/--metrics/);
    await expect(run({ normalise: 'max' })).rejects.toThrow(/--normalise/);
    await expect(run({ kpdDegree: 'x' })).rejects.toThrow(/--kpd-degree/);
    await expect(run({ features: 'e_layer0,nope', metrics: 'fpd' })).rejects.toMatchObject({ code: 'MissingColumn', message: expect.stringContaining('nope') });
    await expect(run({ generated: join(dir, 'gen.txt') })).rejects.toMatchObject({ code: 'UnsupportedFormat', message: expect.stringContaining('gen.txt') });
  });
});

describe('gen-eval run step and report section', () => {
  it('evaluates the run test set against a generated file and is picked up by the report section', async () => {
    const rng = new Rng(5);
    const sample = gaussianSample(1200, [0, 0, 0], identityCov(3), rng);
    const test = new Dataset({ features: Object.fromEntries(names.map((n, j) => [n, Float32Array.from({ length: sample.n }, (_, i) => sample.data[i * 3 + j])])) });
    const generated = gaussianSample(1200, [0, 0, 0], identityCov(3, 2), rng);
    const genPath = join(dir, 'step-gen.csv');
    await writeFile(genPath, toCsv(names, generated.data));
    const step = app.registries.steps.get(GEN_EVAL);
    const input = (options: unknown) => ({ options: step.options.parse(options), test, services: app.services, rng: new Rng(1), events: app.events }) as unknown as RunStepInput;
    const result = (await step.run(input({ reference: 'test', generated: genPath, metrics: ['fpd', 'w1', 'tails', 'classifier'] }))) as unknown as GenEvalResult;
    expect(result.kind).toBe('hepuq/gen-eval');
    expect(result.fpd!.value).toBeGreaterThan(3 * result.fpd!.error);
    // the run stores steps as JSON: the result must survive a round trip
    const stored = JSON.parse(JSON.stringify({ [GEN_EVAL]: result })) as Record<string, unknown>;
    const section = app.registries.reportSections.get(GEN_EVAL);
    const rctx = { name: 'r', metadata: {}, metrics: {}, artifacts: stored };
    expect(section.applies(rctx)).toBe(true);
    expect(section.plots(rctx).length).toBeGreaterThan(3);
    expect(section.html!(rctx)).toContain('Tail fractions');
    expect(section.applies({ ...rctx, artifacts: {} })).toBe(false);
    expect(METRIC_KEYS).toContain('separation');
  });

  it("hands the run's abort signal to PRDC: an aborted run stops with Interrupted", async () => {
    const rng = new Rng(6);
    const sample = gaussianSample(400, [0, 0, 0], identityCov(3), rng);
    const test = new Dataset({ features: Object.fromEntries(names.map((n, j) => [n, Float32Array.from({ length: sample.n }, (_, i) => sample.data[i * 3 + j])])) });
    const step = app.registries.steps.get(GEN_EVAL);
    const controller = new AbortController();
    controller.abort('SIGINT');
    for (const threads of [1, 2]) {
      const input = { options: step.options.parse({ reference: 'test', generated: 'test', metrics: ['prdc'], prdc: { threads } }), test, services: app.services, rng: new Rng(1), events: app.events, signal: controller.signal } as unknown as RunStepInput;
      await expect(step.run(input)).rejects.toMatchObject({ code: 'Interrupted' });
    }
  });

  it('validates its options (with the plugin defaults merged) before a run trains anything', () => {
    const step = app.registries.steps.get(GEN_EVAL);
    expect(step.options.safeParse({ reference: 'a.csv' }).success).toBe(false); // generated missing
    expect(step.options.safeParse({ reference: 'a.csv', generated: 'test', bogus: 1 }).success).toBe(false);
    expect(step.options.safeParse({ reference: 'a.csv', generated: 'test', metrics: ['fpd', 'nope'] }).success).toBe(false);
    const parsed = step.options.parse({ reference: 'a.csv', generated: 'test', kpd: { batches: 4 } }) as { kpd: { degree?: number; batches: number }; metrics: string[] };
    // no degree: unset, it is 3, or JetNet's 4 with normalise: jetnet (resolved when the step runs)
    expect(parsed.kpd).toMatchObject({ batches: 4 });
    expect(parsed.kpd.degree).toBeUndefined();
    expect(parsed.metrics).toEqual([...METRIC_KEYS]);
    // plugin defaults set by the user are kept beside the step's own overrides
    const configured = genEvalStep(CaloganEvalOptions.parse({ kpdDegree: 5, prdcBatch: 800, prdcThreads: 2 }));
    const withDefaults = configured.options.parse({ reference: 'a.csv', generated: 'test', kpd: { batches: 4 }, normalise: 'jetnet' }) as { kpd: object; prdc: object; normalise: string };
    expect(withDefaults).toMatchObject({ normalise: 'jetnet', kpd: { degree: 5, batches: 4 }, prdc: { k: 5, batchSize: 800, threads: 2 } });
    expect(step.options.safeParse({ reference: 'a.csv', generated: 'test', prdc: { threads: 0 } }).success).toBe(false);
  });
});
