import { writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import {
  describeZodError, HepuqError, writeDirAtomic, type Dataset, type FittedModel, type HepuqApp, type MethodContext,
  type MetricValue, type Prediction, type ReportContext,
} from '@hepuq/core';
import { buildRunReport, writeReport } from '@hepuq/report';
import { computeRunMetrics } from './compute-metrics.js';
import { loadTrainTest } from './load-data.js';
import { recalibrate } from './recalibrate.js';
import { predictionColumns } from './prediction-columns.js';
import type { RunConfig } from './run-config.js';
import { runMetadata } from './run-metadata.js';

export interface RunResult {
  outDir: string;
  metrics: Record<string, MetricValue>;
  prediction: Prediction;
}

/** Input of a run step (`steps: [{ use, options }]`): an inference procedure sees the fitted run. */
export interface RunStepInput {
  options: Record<string, unknown>;
  train: Dataset;
  test: Dataset;
  prediction: Prediction;
  model: FittedModel;
  app: HepuqApp;
}

/**
 * Execute a run: load data, fit, predict the test set, compute metrics, run steps, and write
 * `<outRoot>/<name>/` (config.resolved.json, metrics.json, predictions.csv, model/, report.html).
 * The directory is assembled in a temp directory and renamed at the end, so a failed run leaves
 * nothing half-written behind (and an earlier run of the same name untouched).
 */
export async function executeRun(app: HepuqApp, config: RunConfig, outRoot = 'runs'): Promise<RunResult> {
  const started = Date.now();
  const outDir = resolve(outRoot, config.name);
  const metadata = runMetadata(app);
  app.events.emit('run:start', { name: config.name, outDir, seed: app.seed, backend: app.backend.name }, 'run');

  const method = app.registries.methods.get(config.method.use);
  const parsed = method.options.safeParse(config.method.options);
  if (!parsed.success) {
    throw new HepuqError('InvalidConfig', `method "${method.key}": ${describeZodError(parsed.error, 'method.options')}`);
  }
  const loaded = await loadTrainTest(app, config.data);
  checkTask(method.task, loaded.train);
  const { test } = loaded;
  let train = loaded.train;
  let calibration: Dataset | undefined;
  if (config.recalibration) {
    const split = loaded.train.split(app.rng.fork('data:calibration').nextSeed(), 1 - config.recalibration.fraction);
    train = split.train;
    calibration = split.test;
  }
  const executor = config.executor ? app.registries.executors.get(config.executor.use).create(config.executor.options, { events: app.events, seed: app.rng.fork('executor').nextSeed() }) : undefined;
  const ctx: MethodContext = { rng: app.rng.fork('method'), events: app.events, executor };
  const model = await method.fit(train, parsed.data, ctx);
  try {
    let prediction = await model.predict(test, { replicas: config.replicas, seed: app.rng.fork('predict').nextSeed() });
    const artifacts: Record<string, unknown> = {};
    let uncalibrated: Record<string, MetricValue> | undefined;
    if (config.recalibration && calibration) {
      uncalibrated = computeRunMetrics(app, config.metrics, prediction, test);
      const result = await recalibrate(app, config.recalibration, model, calibration, prediction);
      prediction = result.prediction;
      artifacts.recalibration = result.artifact;
    }
    const metrics = computeRunMetrics(app, config.metrics, prediction, test);
    for (const step of config.steps) {
      const procedure = app.registries.inference.get(step.use);
      artifacts[step.use] = await procedure.run({ options: step.options, train, test, prediction, model, app } satisfies RunStepInput);
    }
    const csv = app.registries.formats.get('csv');
    await writeDirAtomic(outDir, async (tmp) => {
      const resolved = { config, ...metadata, finishedAt: new Date().toISOString() };
      await writeFile(join(tmp, 'config.resolved.json'), JSON.stringify(resolved, null, 2));
      await writeFile(join(tmp, 'metrics.json'), JSON.stringify(metrics, null, 2));
      if (uncalibrated) await writeFile(join(tmp, 'metrics.uncalibrated.json'), JSON.stringify(uncalibrated, null, 2));
      if (Object.keys(artifacts).length) await writeFile(join(tmp, 'steps.json'), JSON.stringify(artifacts, null, 2));
      await csv.write!(join(tmp, 'predictions.csv'), predictionColumns(test, prediction));
      await model.save(join(tmp, 'model'));
      if (config.report) {
        const reportCtx: ReportContext = { name: config.name, metadata: { method: method.key, ...metadata }, metrics, test, prediction, artifacts };
        const sections = app.registries.reportSections.entries().map((e) => e.value);
        await writeReport(tmp, buildRunReport(sections, reportCtx));
      }
    });
    for (const file of ['config.resolved.json', 'metrics.json', 'predictions.csv', 'model', ...(config.report ? ['report.html'] : [])]) {
      app.events.emit('run:artifact', { path: join(outDir, file), kind: file.split('.')[0] }, 'run');
    }
    app.events.emit('run:end', { name: config.name, outDir, seconds: (Date.now() - started) / 1000 }, 'run');
    return { outDir, metrics, prediction };
  } finally {
    model.dispose();
    await executor?.dispose();
  }
}

function checkTask(task: string, train: Dataset): void {
  if (task === 'regression' && !train.target) {
    throw new HepuqError('InvalidConfig', `the method is a regression method but data.train has no \`target\` column`);
  }
  if (task === 'classification' && !train.label) {
    throw new HepuqError('InvalidConfig', `the method is a classification method but data.train has no \`label\` column`);
  }
}
