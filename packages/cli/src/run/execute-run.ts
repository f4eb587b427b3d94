import { basename, resolve } from 'node:path';
import {
  HepuqError, isGenerativeModel, Dataset, type FittedModel, type HepuqApp, type MethodContext,
  type MetricValue, type Prediction,
} from '@hepuq/core';
import { computeRunMetrics } from './compute-metrics.js';
import { loadTrainTest } from './load-data.js';
import { recalibrate } from './recalibrate.js';
import { predictionColumns } from './prediction-columns.js';
import { validateRunConfig } from './validate-run-config.js';
import { writeRunDir } from './write-run-dir.js';
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

  const { method, options } = validateRunConfig(app, config);
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
  const model = await method.fit(train, options, ctx);
  try {
    let prediction = await model.predict(test, { replicas: config.replicas, seed: app.rng.fork('predict').nextSeed() });
    // a generator predicts densities: its error bars are tested against the toy's true density
    const truthSet = method.task === 'generation' ? densityTruth(test) : test;
    const artifacts: Record<string, unknown> = {};
    let uncalibrated: Record<string, MetricValue> | undefined;
    if (config.recalibration && calibration) {
      uncalibrated = computeRunMetrics(app, config.metrics, prediction, truthSet);
      const result = await recalibrate(app, config.recalibration, model, calibration, prediction);
      prediction = result.prediction;
      artifacts.recalibration = result.artifact;
    }
    const metrics = computeRunMetrics(app, config.metrics, prediction, truthSet);
    const sample = isGenerativeModel(model)
      ? await model.sample(config.samples ?? test.n, app.rng.fork('sample'), { replicas: config.replicas || undefined })
      : undefined;
    for (const step of config.steps) {
      const procedure = app.registries.inference.get(step.use);
      artifacts[step.use] = await procedure.run({ options: step.options, train, test, prediction, model, app } satisfies RunStepInput);
    }
    const files = await writeRunDir(app, outDir, {
      config, metadata: { method: method.key, ...metadata }, metrics, uncalibrated, artifacts, model, sample,
      predictions: predictionColumns(test, prediction, method.task), report: { test: truthSet, prediction },
    });
    for (const path of files) app.events.emit('run:artifact', { path, kind: basename(path).split('.')[0] }, 'run');
    app.events.emit('run:end', { name: config.name, outDir, seconds: (Date.now() - started) / 1000 }, 'run');
    return { outDir, metrics, prediction };
  } finally {
    model.dispose();
    await executor?.dispose();
  }
}

/** The test set with the toy's true density as the target, so density predictions get pulls and coverage. */
function densityTruth(test: Dataset): Dataset {
  const truth = test.extras.true_density;
  if (!truth) return test;
  return new Dataset({ features: test.features, target: truth, targetName: 'true_density', weights: test.weights, extras: test.extras, source: test.source });
}

function checkTask(task: string, train: Dataset): void {
  if (task === 'regression' && !train.target) {
    throw new HepuqError('InvalidConfig', `the method is a regression method but data.train has no \`target\` column`);
  }
  if (task === 'classification' && !train.label) {
    throw new HepuqError('InvalidConfig', `the method is a classification method but data.train has no \`label\` column`);
  }
}
