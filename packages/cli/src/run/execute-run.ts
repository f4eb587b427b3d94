import { basename } from 'node:path';
import {
  ArtifactStoreToken, HepuqError, isGenerativeModel, Dataset, splitDiagnostics, type ArtifactSlot, type Executor,
  type HepuqApp, type MethodContext, type MetricValue, type UQMethod,
} from '@hepuq/core';
import { computeRunMetrics } from './compute-metrics.js';
import { loadTrainTest } from './load-data.js';
import { recalibrate } from './recalibrate.js';
import { checkClassificationRun } from './check-classes.js';
import { checkMultiTargetRun } from './check-targets.js';
import { predictionColumns } from './prediction-columns.js';
import { validateRunConfig } from './validate-run-config.js';
import { writeRunDir } from './write-run-dir.js';
import { isUnfoldingRun, type RunConfig } from './run-config.js';
import { executeUnfoldingRun } from './execute-unfolding-run.js';
import { runMetadata } from './run-metadata.js';
import { runExecutor } from './run-executor.js';
import { StepFiles } from './step-files.js';
import type { ExecuteRunOptions, RunResult } from './run-result.js';

/**
 * Execute a run (an unfolding run when `data` is `{ sim, data }`: `executeUnfoldingRun`): validate everything (config, registry keys and options, the output slot from the
 * app's `ArtifactStoreToken`, e.g. the CLI's local directory with its lock) before any work; load
 * data, fit, predict the test set, compute metrics (and the model's own diagnostics), run steps; then publish `<outRoot>/<name>/`
 * (config.resolved.json, metrics.json with the metrics' values and tables, steps.json with the steps' own files, predictions.csv, model/, report.html) at once, so a failed
 * or interrupted run leaves nothing half-written behind, and an earlier run of the same name is
 * replaced only with `overwrite`. The executor is the config's `executor:`, else the app's
 * `DefaultExecutorToken` when a plugin provides one, else none (methods train in-process).
 */
export async function executeRun(app: HepuqApp, config: RunConfig, options: ExecuteRunOptions = {}): Promise<RunResult> {
  if (isUnfoldingRun(config)) return executeUnfoldingRun(app, config, options);
  const started = Date.now();
  const { signal } = options;
  const { method, options: methodOptions, recalibrationOptions, steps, metrics: metricList } = validateRunConfig(app, config);
  const metadata = runMetadata(app);
  const fingerprint = { config, backend: app.backend.name, versions: metadata.versions };
  const slot: ArtifactSlot = await app.services.resolve(ArtifactStoreToken).open({
    root: options.outRoot ?? 'runs', name: config.name, fingerprint, overwrite: options.overwrite, resume: options.resume,
    checkpointEvery: options.checkpointEvery, events: app.events,
  });
  const outDir = slot.location;
  let executor: Executor | undefined;
  let published = false;
  try {
    executor = runExecutor(app, config);
    app.events.emit('run:start', { name: config.name, outDir, seed: app.seed, backend: app.backend.name }, 'run');
    const loaded = await loadTrainTest(app, { ...config.data, train: config.data.train! });
    checkTask(method, config, loaded.train, loaded.test);
    if (method.task === 'classification') checkClassificationRun(app, config, methodOptions, loaded.train, loaded.test);
    const { test } = loaded;
    let train = loaded.train;
    let calibration: Dataset | undefined;
    if (config.recalibration) {
      const split = loaded.train.split(app.rng.fork('data:calibration').nextSeed(), 1 - config.recalibration.fraction);
      train = split.train;
      calibration = split.test;
    }
    throwIfInterrupted(signal, 'before training');
    const ctx: MethodContext = { rng: app.rng.fork('method'), events: app.events, executor, signal, checkpoints: slot.checkpoints, methods: app.registries.methods, networks: app.registries.networks };
    const model = await method.fit(train, methodOptions, ctx);
    try {
      throwIfInterrupted(signal, 'after training');
      let prediction = await model.predict(test, { replicas: config.replicas, seed: app.rng.fork('predict').nextSeed() });
      // a generator predicts densities: its error bars are tested against the toy's true density
      const truthSet = method.task === 'generation' ? densityTruth(test) : test;
      const artifacts: Record<string, unknown> = {};
      let uncalibrated: Record<string, MetricValue> | undefined;
      if (config.recalibration && calibration) {
        uncalibrated = computeRunMetrics(app, metricList, prediction, truthSet).values;
        const result = await recalibrate(app, config.recalibration, recalibrationOptions, model, calibration, prediction);
        prediction = result.prediction;
        artifacts.recalibration = result.artifact;
      }
      const diagnostics = splitDiagnostics((await model.diagnostics?.(truthSet, prediction)) ?? {});
      const computed = computeRunMetrics(app, metricList, prediction, truthSet);
      const metrics = { ...computed.values, ...diagnostics.values };
      const sample = isGenerativeModel(model)
        ? await model.sample(config.samples ?? test.n, app.rng.fork('sample'), { replicas: config.replicas || undefined })
        : undefined;
      const stepFiles = new StepFiles();
      for (const { step, options: stepOptions } of steps) {
        throwIfInterrupted(signal, `before step "${step.key}"`);
        artifacts[step.key] = await step.run({
          options: stepOptions, train, test, prediction, model, methodOptions, services: app.services, rng: app.rng.fork(`step:${step.key}`), events: app.events, executor, signal,
          files: stepFiles.forStep(step.key),
        });
      }
      throwIfInterrupted(signal, 'before writing the run directory');
      const files = await writeRunDir(app, slot, {
        config, metadata: { method: method.key, ...metadata }, metrics, metricBins: diagnostics.bins, metricTables: computed.tables, uncalibrated, artifacts, files: stepFiles.entries(), model, sample,
        predictions: predictionColumns(test, prediction, method.task), report: { test: truthSet, prediction },
      });
      published = true;
      for (const path of files) app.events.emit('run:artifact', { path, kind: basename(path).split('.')[0] }, 'run');
      app.events.emit('run:end', { name: config.name, outDir, seconds: (Date.now() - started) / 1000 }, 'run');
      return { outDir, metrics, metricBins: diagnostics.bins, metricTables: computed.tables, prediction };
    } finally {
      model.dispose();
    }
  } finally {
    await executor?.dispose();
    await slot.release(published);
  }
}

function throwIfInterrupted(signal: AbortSignal | undefined, where: string): void {
  if (signal?.aborted) throw new HepuqError('Interrupted', `run stopped ${where}`);
}

/** The test set with the toy's true density as the target, so density predictions get pulls and coverage. */
function densityTruth(test: Dataset): Dataset {
  const truth = test.extras.true_density;
  if (!truth) return test;
  return new Dataset({ features: test.features, target: truth, targetName: 'true_density', weights: test.weights, extras: test.extras, source: test.source });
}

function checkTask(method: UQMethod, config: RunConfig, train: Dataset, test: Dataset): void {
  const task = method.task;
  if (task === 'regression' && !train.target) {
    throw new HepuqError('InvalidConfig', `the method is a regression method but data.train has no \`target\` column`);
  }
  if (task === 'regression' && train.targets.length > 1) checkMultiTargetRun(method, config, train, test);
  if (task === 'classification' && !train.label) {
    throw new HepuqError('InvalidConfig', `the method is a classification method but data.train has no \`label\` column`);
  }
}
