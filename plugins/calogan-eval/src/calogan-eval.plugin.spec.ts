import { readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHepuq, Dataset, HepuqError, Rng, type HepuqApp, type RunStepInput } from '@hepuq/core';
import { captureCommandContext } from '@hepuq/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import caloganEvalDefault, { caloganEval } from './calogan-eval.plugin.js';
import { CaloganEvalOptions } from './calogan-eval.options.js';
import { DEFAULT_METRICS, GEN_EVAL, METRIC_KEYS } from './evaluate/gen-eval.options.js';
import { genEvalStep } from './evaluate/gen-eval.step.js';
import type { GenEvalResult } from './evaluate/gen-eval.result.js';
import { PLUGIN_NAME } from './plugin-meta.js';
import { logisticMethod } from './test-support/logistic-method.js';
import { tinyCsvFormat, toCsv } from './test-support/tiny-csv-format.js';
import { gaussianFitSample } from './toys/camel-toys.js';
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
  // amplification: a 1-D Gaussian truth, 100 training events, a Gaussian fitted to them, an independent draw
  const amp = new Rng(2);
  const ampTrain = gaussianSample(100, [0], [1], amp);
  await writeFile(join(dir, 'amp-truth.csv'), toCsv(['x'], gaussianSample(40_000, [0], [1], amp).data));
  await writeFile(join(dir, 'amp-train.csv'), toCsv(['x'], ampTrain.data));
  await writeFile(join(dir, 'amp-fit.csv'), toCsv(['x'], gaussianFitSample(ampTrain, 4000, amp).data));
  await writeFile(join(dir, 'amp-gen.csv'), toCsv(['x'], gaussianSample(1000, [0], [1], amp).data));
  await writeFile(join(dir, 'amp-small-truth.csv'), toCsv(['x'], gaussianSample(500, [0], [1], amp).data));
  await writeFile(join(dir, 'amp-other.csv'), toCsv(['y'], gaussianSample(100, [0], [1], amp).data));
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

describe('hepuq gen-eval --metrics amplification', () => {
  const files = () => ({ truth: join(dir, 'amp-truth.csv'), train: join(dir, 'amp-train.csv'), generated: join(dir, 'amp-gen.csv'), metrics: 'amplification' });
  const run = (o: Record<string, unknown>, json = true) => {
    const captured = commandContext(json);
    return { captured, done: app.registries.commands.get(GEN_EVAL).run([], o, captured.ctx) };
  };

  it('compares training, generated and fitted samples with the truth (the truth is the reference when --reference is absent)', async () => {
    const { captured, done } = run({ ...files(), fit: join(dir, 'amp-fit.csv'), quantiles: '20,5', report: join(dir, 'amp-report') });
    expect(await done).toBe(0);
    const out = JSON.parse(captured.lines[0]) as GenEvalResult;
    expect(out.reference.source).toBe(join(dir, 'amp-truth.csv'));
    expect(out.features).toEqual(['x']);
    expect(out.fpd).toBeUndefined();
    const a = out.amplification!;
    expect(a.truth.n).toBe(40_000);
    expect(a.settings.map((s) => [s.quantiles, s.cells])).toEqual([[5, 5], [20, 20]]);
    for (const s of a.settings) {
      expect(s.train).toMatchObject({ n: 100, source: join(dir, 'amp-train.csv') });
      expect(s.generated.n).toBe(1000);
      expect(s.fit!.n).toBe(4000);
      // 1000 truth-like events are worth ~10 training samples; the error of one MSE is sqrt(2/(q-1)) relative
      // (0.71 at 5, 0.32 at 20), so its 68% interval spans 10 here at 2 sigma
      expect(s.generated.factor.low).toBeLessThan(10);
      expect(s.generated.factor.high ?? Infinity).toBeGreaterThan(10);
      expect(s.generated.curve.at(-1)!.n).toBe(1000);
    }
    const doc = captured.reports[0].doc;
    expect(doc.plots.map((p) => p.name)).toEqual(['amplification-factors', 'amplification-mse-q5', 'amplification-mse-q20']);
    expect(Object.keys(doc.metrics)).toEqual(expect.arrayContaining(['amplification.q5.factor', 'amplification.q20.fit_factor', 'amplification.q20.train_factor']));
    expect(doc.html!.join('')).toContain('Amplification: equivalent truth events per training event');
  });

  it('prints one line per quantile setting, and sends the warnings as log:warn', async () => {
    const warnings: string[] = [];
    const sub = app.events.on('log:warn', 'test', (e) => {
      warnings.push(e.payload.message);
    });
    const { captured, done } = run({ ...files(), truth: join(dir, 'amp-small-truth.csv'), generated: join(dir, 'amp-train.csv'), quantiles: '10' }, false);
    await done;
    sub.unsubscribe();
    expect(captured.lines.some((l) => l.includes('amplification against') && l.includes('amp-small-truth.csv'))).toBe(true);
    expect(captured.lines.some((l) => /10 quantiles \(10 cells\): generated .*training sample .*\(expected 1\)/.test(l))).toBe(true);
    expect(warnings).toEqual([expect.stringMatching(/gen-eval: amplification: the truth sample \(500 events\) is less than 10x the generated sample \(100\)/)]);
  });

  it('names the missing flag, the too small truth sample and the missing column', async () => {
    const fail = (o: Record<string, unknown>) => run(o).done;
    await expect(fail({ ...files(), truth: undefined, reference: join(dir, 'amp-truth.csv') })).rejects.toMatchObject({ code: 'InvalidArgument', message: expect.stringContaining('--metrics amplification needs --truth <file>') });
    await expect(fail({ ...files(), train: undefined })).rejects.toMatchObject({ code: 'InvalidArgument', message: expect.stringContaining('needs --train <file>') });
    await expect(fail({ generated: join(dir, 'gen.csv'), metrics: 'fpd' })).rejects.toMatchObject({ code: 'InvalidArgument', message: expect.stringContaining('--reference <file> is missing') });
    await expect(fail({ ...files(), truth: join(dir, 'amp-small-truth.csv') })).rejects.toMatchObject({
      code: 'InvalidArgument',
      message: expect.stringMatching(/truth sample .*amp-small-truth\.csv has 500 events, fewer than the generated sample .*amp-gen\.csv \(1000\)/),
      hint: expect.stringContaining('larger than every compared sample'),
    });
    await expect(fail({ ...files(), train: join(dir, 'amp-other.csv') })).rejects.toMatchObject({ code: 'MissingColumn', message: expect.stringContaining('"x"') });
    await expect(fail({ ...files(), quantiles: '1,10' })).rejects.toThrow(/--quantiles/);
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

  it('amplification in a run: truth = the test set, train = the training set, generated = drawn from the run model', async () => {
    const rng = new Rng(8);
    const column = (n: number) => new Dataset({ features: { x: Float32Array.from(gaussianSample(n, [0], [1], rng).data) } });
    const [train, test] = [column(200), column(30_000)];
    const drawn: number[] = [];
    // a stand-in generative model: the truth itself (worth as many events as it draws)
    const model = { method: 'fake-flow', task: 'generation', sample: async (n: number) => (drawn.push(n), { data: column(n), weights: [], density: new Float32Array(n) }) };
    const step = app.registries.steps.get(GEN_EVAL);
    const options = step.options.parse({ truth: 'test', generated: 'model', samples: 2000, metrics: ['amplification'], amplification: { quantiles: [10, 40] } });
    const result = (await step.run({ options, train, test, model, services: app.services, rng: new Rng(1), events: app.events } as unknown as RunStepInput)) as unknown as GenEvalResult;
    expect(drawn).toEqual([2000]);
    const a = result.amplification!;
    expect(a.truth.n).toBe(30_000);
    for (const s of a.settings) {
      expect(s.train.n).toBe(200);
      expect(s.generated.n).toBe(2000);
      // 2000 truth-like events over 200 training events: factor 10, its interval from one MSE (relative
      // error sqrt(2/(q-1)): 0.47 and 0.23) holds 10 within 2 sigma
      expect(s.generated.factor.low / 10).toBeLessThan(2);
      expect((s.generated.factor.high ?? Infinity) / 10).toBeGreaterThan(0.5);
    }
    // a classification run cannot be sampled: the step's check says so before training
    const method = { key: 'test/logistic', task: 'classification' } as never;
    expect(() => step.check!({ options: step.options.parse({ reference: 'test', generated: 'model' }), method, methodOptions: {}, methods: app.registries.methods })).toThrow(/`generated: model` samples the run's model, but test\/logistic is a classification method/);
    await expect(step.run({ options: step.options.parse({ reference: 'test', generated: 'model' }), train, test, model: { method: 'm', task: 'regression' }, services: app.services, rng: new Rng(1), events: app.events } as unknown as RunStepInput)).rejects.toMatchObject({ code: 'InvalidConfig' });
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
    expect(parsed.metrics).toEqual([...DEFAULT_METRICS]);
    expect(METRIC_KEYS).toContain('amplification');
    // amplification needs a truth sample; the truth may replace the reference
    expect(step.options.safeParse({ reference: 'a.csv', generated: 'test', metrics: ['amplification'] }).error?.issues[0].path).toEqual(['truth']);
    expect(step.options.safeParse({ generated: 'test' }).error?.issues[0].path).toEqual(['reference']);
    expect(step.options.parse({ truth: 'test', generated: 'g.csv', metrics: ['amplification'], amplification: { quantiles: [10] } })).toMatchObject({ train: 'train', amplification: { quantiles: [10] } });
    // plugin defaults set by the user are kept beside the step's own overrides
    const configured = genEvalStep(CaloganEvalOptions.parse({ kpdDegree: 5, prdcBatch: 800, prdcThreads: 2 }));
    const withDefaults = configured.options.parse({ reference: 'a.csv', generated: 'test', kpd: { batches: 4 }, normalise: 'jetnet' }) as { kpd: object; prdc: object; normalise: string };
    expect(withDefaults).toMatchObject({ normalise: 'jetnet', kpd: { degree: 5, batches: 4 }, prdc: { k: 5, batchSize: 800, threads: 2 } });
    expect(step.options.safeParse({ reference: 'a.csv', generated: 'test', prdc: { threads: 0 } }).success).toBe(false);
  });
});
