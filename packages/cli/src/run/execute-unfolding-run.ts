import { writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import {
  ArtifactStoreToken, HepuqError, loadUnfoldingProblem, ReportWriterToken, type ArtifactSlot, type Executor,
  type HepuqApp, type UnfoldingResult,
} from '@hepuq/core';
import { buildRunReport } from '@hepuq/report';
import type { ExecuteRunOptions, RunResult } from './run-result.js';
import type { UnfoldingRunConfig } from './run-config.js';
import { runMetadata } from './run-metadata.js';
import { runExecutor } from './run-executor.js';
import { StepFiles } from './step-files.js';
import { validateUnfoldingRun } from './validate-unfolding-run.js';

/**
 * Execute an unfolding run (`data: { sim, data }`): validate everything before any work, load and
 * check the problem (and the steps against it), unfold (the method trains through the run's executor when there is one), run
 * the unfolding steps, then publish `<outRoot>/<name>/` at once: config.resolved.json, metrics.json
 * (the method's figures and per-iteration `history`), unfolded.json (the method's summary, e.g.
 * unfolded histograms), the per-event weights aligned with the simulation's rows (`w_iter1..N`,
 * `replica_<r>`, `member_<m>`), steps.json with the steps' files, and report.html.
 */
export async function executeUnfoldingRun(app: HepuqApp, config: UnfoldingRunConfig, options: ExecuteRunOptions = {}): Promise<RunResult> {
  const started = Date.now();
  const { signal } = options;
  const { method, options: methodOptions, steps } = validateUnfoldingRun(app, config);
  if (options.resume || options.checkpointEvery) {
    throw new HepuqError('InvalidCommandLine', `${options.resume ? '--resume' : '--checkpoint-every'}: unfolding runs are not checkpointed`, {
      hint: 'Rerun the unfolding without it; an interrupted unfolding run leaves nothing half-written behind.',
    });
  }
  const weightsFormat = app.registries.formats.entries().map((e) => e.value).find((f) => f.write && f.extensions.some((ext) => config.unfoldedWeights.endsWith(ext)));
  if (!weightsFormat) throw new HepuqError('InvalidConfig', `unfoldedWeights: no registered format writes "${config.unfoldedWeights}"`, { hint: 'Use unfolded-weights.csv, .h5 or .npy (or load a plugin whose format writes the extension).' });
  const metadata = runMetadata(app);
  const slot: ArtifactSlot = await app.services.resolve(ArtifactStoreToken).open({
    root: options.outRoot ?? 'runs', name: config.name, fingerprint: { config, backend: app.backend.name, versions: metadata.versions },
    overwrite: options.overwrite, resume: options.resume, checkpointEvery: options.checkpointEvery, events: app.events,
  });
  let executor: Executor | undefined;
  let published = false;
  try {
    executor = runExecutor(app, config);
    app.events.emit('run:start', { name: config.name, outDir: slot.location, seed: app.seed, backend: app.backend.name }, 'run');
    const problem = await loadUnfoldingProblem(app.registries, { sim: config.data.sim, data: config.data.data }, app.rng.fork('data'));
    for (const { step, options: stepOptions } of steps) step.check?.({ options: stepOptions, problem });
    interruptible(signal, 'before unfolding');
    const result = await method.unfold(problem, methodOptions, {
      rng: app.rng.fork('method'), events: app.events, executor, signal, methods: app.registries.methods, networks: app.registries.networks,
    });
    const artifacts: Record<string, unknown> = {};
    const stepFiles = new StepFiles();
    for (const { step, options: stepOptions } of steps) {
      interruptible(signal, `before step "${step.key}"`);
      artifacts[step.key] = await step.run({
        options: stepOptions, problem, result, services: app.services, rng: app.rng.fork(`step:${step.key}`), events: app.events, signal, files: stepFiles.forStep(step.key),
      });
    }
    interruptible(signal, 'before writing the run directory');
    const names: string[] = [];
    await slot.publish(async (tmp) => {
      const json = async (name: string, value: unknown) => {
        await writeFile(join(tmp, name), JSON.stringify(value, null, 2));
        names.push(name);
      };
      await json('config.resolved.json', { config, method: method.key, ...metadata, finishedAt: new Date().toISOString() });
      await json('metrics.json', { ...result.metrics, history: result.history });
      if (result.unfolded) await json('unfolded.json', result.unfolded);
      if (Object.keys(artifacts).length) await json('steps.json', artifacts);
      for (const [name, content] of stepFiles.entries()) {
        await writeFile(join(tmp, name), content);
        names.push(name);
      }
      await weightsFormat.write!(join(tmp, config.unfoldedWeights), weightColumns(result));
      names.push(config.unfoldedWeights);
      if (config.report) {
        const sections = app.registries.reportSections.entries().map((e) => e.value);
        const doc = buildRunReport(sections, { name: config.name, metadata: { method: method.key, ...metadata }, metrics: result.metrics, artifacts: { ...artifacts, unfolded: result.unfolded, unfolding_history: result.history } });
        await app.services.resolve(ReportWriterToken)(tmp, doc);
        names.push('report.html');
      }
    });
    published = true;
    for (const name of names) app.events.emit('run:artifact', { path: join(slot.location, name), kind: basename(name).split('.')[0] }, 'run');
    app.events.emit('run:end', { name: config.name, outDir: slot.location, seconds: (Date.now() - started) / 1000 }, 'run');
    return { outDir: slot.location, metrics: result.metrics, metricBins: {} };
  } finally {
    await executor?.dispose();
    await slot.release(published);
  }
}

/** Per-event weight columns aligned with the simulation's rows. */
export function weightColumns(result: UnfoldingResult): Record<string, Float32Array> {
  const columns: Record<string, Float32Array> = {};
  result.iterations.forEach((w, i) => { columns[`w_iter${i + 1}`] = w; });
  result.replicas?.forEach((w, r) => { columns[`replica_${r}`] = w; });
  result.members?.forEach((w, m) => { columns[`member_${m}`] = w; });
  return columns;
}

function interruptible(signal: AbortSignal | undefined, where: string): void {
  if (signal?.aborted) throw new HepuqError('Interrupted', `run stopped ${where}`);
}
