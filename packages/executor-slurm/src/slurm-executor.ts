import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { EventsToken, HepuqError, localVersions, readValueFile, runId, taskModuleRef, taskSeed, valueBytes, writeFileAtomic, type Events, type Executor, type MapOptions, type TaskSpec } from '@hepuq/core';
import { inject, injectable } from 'tsyringe';
import { ArrayRun } from './array-run.js';
import { hepuqCliPath } from './cli-path.js';
import { PLUGIN_META, PLUGIN_NAME } from './plugin-meta.js';
import { AttemptRecord, readJsonFile, runDirectory, runDirFiles, writeJsonFile, type RunManifest } from './run-dir.js';
import { sbatchScript } from './sbatch-script.js';
import { parseSqueue, runTool, slurmTool } from './slurm-commands.js';
import { SLURM_EXECUTOR, SlurmExecutorOptions, SlurmExecutorOptionsToken } from './slurm-executor.options.js';

/** A map's tasks as written to the run directory: the manifest, and each task's input bytes. */
interface PreparedRun {
  manifest: RunManifest;
  inputs: Uint8Array[];
}

/**
 * Runs tasks as the elements of a Slurm job array: per map, one run directory in the shared store
 * (named by a hash of the tasks and versions, so a resubmitted run reuses the results already
 * there), one `sbatch --array` script whose elements run `hepuq slurm-task <run dir> <index>`,
 * completion followed through the result files (no accounting database needed) and `squeue`,
 * failed elements resubmitted up to the retry limit, the local executor's per-task seeds and
 * progress events. The map's signal cancels the run's jobs (`scancel`).
 * @example const ex = new SlurmExecutor(events, SlurmExecutorOptions.parse({ store: '/shared/hepuq', partition: 'gpu', time: '02:00:00' }));
 *          const results = await ex.map(tasks); await ex.dispose();
 */
@injectable()
export class SlurmExecutor implements Executor {
  readonly name = SLURM_EXECUTOR;

  constructor(
    @inject(EventsToken) private readonly events: Events,
    @inject(SlurmExecutorOptionsToken) private readonly options: SlurmExecutorOptions,
  ) {}

  async map<I, R>(tasks: TaskSpec<I>[], mapOptions: MapOptions = {}): Promise<R[]> {
    if (tasks.length === 0) return [];
    if (mapOptions.signal?.aborted) throw new HepuqError('Interrupted', `the run was stopped before its ${tasks.length} tasks were submitted`, { plugin: PLUGIN_NAME });
    const o = this.options;
    const { manifest, inputs } = prepareRun(tasks, o.seed);
    const dir = runDirectory(resolve(o.store), manifest.runId);
    const script = join(dir, runDirFiles.script);
    const text = await this.writeRun(dir, script, manifest, inputs);
    const describe = (index: number) => tasks[index].export;
    const run = new ArrayRun({ options: o, dir, script, total: tasks.length, retries: mapOptions.retries ?? o.retries, events: this.events, source: this.name, describe });
    if (o.dryRun) throw this.dryRun(script, text);
    const submit: number[] = [];
    const following = await this.followable(dir, tasks.length);
    for (let i = 0; i < tasks.length; i++) {
      const result = join(dir, runDirFiles.result(i));
      const value = existsSync(result) ? await readValueFile(result).catch(() => undefined) : undefined;
      if (value !== undefined) run.provide(i, value);
      else if (following.has(i)) run.follow(i, following.get(i)!.job!, following.get(i)!.attempt);
      else submit.push(i);
    }
    if (submit.length > 0) await run.submit(submit);
    return (await run.wait(mapOptions.signal)) as R[];
  }

  /** The run directory: manifest, inputs (the same bytes for the same run id: kept when present) and the script. */
  private async writeRun(dir: string, script: string, manifest: RunManifest, inputs: Uint8Array[]): Promise<string> {
    const o = this.options;
    await mkdir(join(dir, runDirFiles.logs), { recursive: true });
    for (const [i, bytes] of inputs.entries()) {
      const file = join(dir, runDirFiles.input(i));
      if (!existsSync(file)) await writeFileAtomic(file, bytes);
    }
    await writeJsonFile(join(dir, runDirFiles.manifest), manifest);
    const exports = [...new Set(manifest.tasks.map((t) => t.export))].join(', ');
    const text = sbatchScript(o, {
      runId: manifest.runId, dir, indices: manifest.tasks.map((_, i) => i),
      node: o.node ?? process.execPath, cli: hepuqCliPath(o.cli), describe: `${manifest.total} tasks (${exports})`,
    });
    await writeFileAtomic(script, text);
    return text;
  }

  /** Tasks of an earlier submission of this run that Slurm still lists as pending or running: followed, not submitted again. */
  private async followable(dir: string, total: number): Promise<Map<number, AttemptRecord>> {
    const records = new Map<number, AttemptRecord>();
    for (let i = 0; i < total; i++) {
      const record = await readJsonFile(join(dir, runDirFiles.attempt(i)), AttemptRecord).catch(() => undefined);
      if (record?.job) records.set(i, record);
    }
    const jobs = [...new Set([...records.values()].map((r) => r.job!))];
    if (jobs.length === 0) return records;
    const r = await runTool(slurmTool(this.options, 'squeue'), ['-h', '-r', '-j', jobs.join(','), '-o', '%F %K %T'], 60_000).catch(() => undefined);
    const alive = r?.code === 0 ? parseSqueue(r.stdout).filter((e) => e.alive) : [];
    for (const [i, record] of records) if (!alive.some((e) => e.job === record.job && e.index === i)) records.delete(i);
    return records;
  }

  /** Show the script and stop the run: nothing is submitted. */
  private dryRun(script: string, text: string): HepuqError {
    this.events.emit('log:info', { message: `slurm dry run: the script of this run is ${script}\n${text}` }, this.name);
    return new HepuqError('Interrupted', `dry run: nothing was submitted; the script is ${script} (with the tasks' inputs beside it)`, {
      plugin: PLUGIN_NAME,
      hint: 'Check the script (and `sbatch --test-only` it on the cluster if you like), then run again without executor.options.dryRun to submit it.',
    });
  }

  async dispose(): Promise<void> {
    // nothing held between maps: each map's jobs end with it
  }
}

/** Seeds, portable module references, input bytes and the run id of every task. */
function prepareRun<I>(tasks: TaskSpec<I>[], runSeed: number): PreparedRun {
  const versions = localVersions(PLUGIN_META);
  const modules = new Map<string, ReturnType<typeof taskModuleRef>>();
  const moduleRef = (url: string) => modules.get(url) ?? modules.set(url, taskModuleRef(url)).get(url)!;
  const identities = tasks.map((spec, index) => ({ module: moduleRef(spec.module), export: spec.export, seed: taskSeed(spec, runSeed, index), input: valueBytes(spec.input) }));
  const id = runId(identities, versions);
  return {
    manifest: { v: 1, runId: id, total: tasks.length, versions, tasks: identities.map((t) => ({ module: t.module, export: t.export, seed: t.seed })) },
    inputs: identities.map((t) => t.input),
  };
}

