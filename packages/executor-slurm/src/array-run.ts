import { existsSync } from 'node:fs';
import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { HepuqError, isHepuqError, readValueFile, type ErrorCode, type Events } from '@hepuq/core';
import { PLUGIN_NAME } from './plugin-meta.js';
import { readJsonFile, runDirFiles, TaskFailure, writeJsonFile } from './run-dir.js';
import { arrayOption } from './sbatch-script.js';
import { parsableJobId, parseSqueue, runTool, slurmTool, submitError, type ElementState } from './slurm-commands.js';
import type { SlurmExecutorOptions } from './slurm-executor.options.js';

/** Failures outside the task that no retry can fix: the run fails at once with their code. */
const FATAL_CODES: ReadonlySet<string> = new Set<ErrorCode>(['VersionMismatch', 'PluginLoadFailed', 'InvalidArgument', 'ParseError']);

/** Milliseconds a Slurm client command may take before it counts as not answering. */
const TOOL_TIMEOUT_MS = 60_000;

/** What an array run needs: the options, the run directory and its script, how to report. */
export interface ArrayRunOptions {
  options: SlurmExecutorOptions;
  dir: string;
  script: string;
  total: number;
  /** Extra attempts of a failing task. */
  retries: number;
  events: Events;
  source: string;
  /** The task's export, for messages. */
  describe: (index: number) => string;
}

/** One task's progress: its attempt, the array job running it, whether it was seen running, since when Slurm no longer lists it. */
interface TaskState {
  attempt: number;
  job?: string;
  started: boolean;
  goneSince?: number;
}

/** A failed attempt: its message, and a catalog code when no retry can help. */
interface Failure {
  index: number;
  message: string;
  code?: ErrorCode;
}

/**
 * Follows the tasks of one map on Slurm until each has a result: submits (and resubmits) array
 * jobs, looks at the result and error files the tasks write and at `squeue` every `pollInterval`,
 * emits the local executor's progress events, and collects the results in input order. A task
 * whose element is no longer listed by Slurm and has left no file within `gracePeriod` failed
 * (killed, over its limits, a lost node): the end of its stderr goes into the message. Failed
 * tasks are resubmitted together as one new array, up to `retries` times each.
 * @example const run = new ArrayRun(o); await run.submit([0, 1, 2]); const results = await run.wait(signal);
 */
export class ArrayRun {
  readonly #tasks = new Map<number, TaskState>();
  readonly #results: unknown[];
  #done = 0;

  constructor(private readonly o: ArrayRunOptions) {
    this.#results = new Array(o.total);
  }

  /** Task `index` already has its result (an earlier submission of the same run): count it done. */
  provide(index: number, value: unknown): void {
    this.#tasks.delete(index);
    this.#results[index] = value;
    this.#done++;
    this.o.events.emit('executor:task-done', { index, total: this.o.total, done: this.#done }, this.o.source);
  }

  /** Follow task `index`, already queued or running in array job `job` as `attempt`. */
  follow(index: number, job: string, attempt: number): void {
    this.#tasks.set(index, { attempt, job, started: false });
  }

  /** The array jobs of the unfinished tasks. */
  jobs(): string[] {
    return [...new Set([...this.#tasks.values()].map((t) => t.job).filter((j): j is string => j !== undefined))];
  }

  /**
   * Submit `indices` as one array job (`sbatch --array=<indices>`), each with the attempt after
   * its last: the attempt files are written first, so each task knows its attempt.
   */
  async submit(indices: readonly number[]): Promise<string> {
    const o = this.o.options;
    for (const i of indices) {
      const attempt = (this.#tasks.get(i)?.attempt ?? 0) + 1;
      this.#tasks.set(i, { attempt, started: false });
      await rm(join(this.o.dir, runDirFiles.error(i)), { force: true });
      await writeJsonFile(join(this.o.dir, runDirFiles.attempt(i)), { attempt });
    }
    const file = slurmTool(o, 'sbatch');
    const args = ['--parsable', arrayOption(indices, o.maxParallel), this.o.script];
    const r = await runTool(file, args, TOOL_TIMEOUT_MS);
    const job = r.code === 0 ? parsableJobId(r.stdout) : undefined;
    if (!job) throw submitError(file, args, r);
    for (const i of indices) {
      const t = this.#tasks.get(i)!;
      t.job = job;
      await writeJsonFile(join(this.o.dir, runDirFiles.attempt(i)), { attempt: t.attempt, job });
    }
    const attempts = [...new Set(indices.map((i) => this.#tasks.get(i)!.attempt))].join(', ');
    this.o.events.emit('log:info', { message: `slurm: submitted array job ${job} (${indices.length} of ${this.o.total} tasks, attempt ${attempts}) from ${this.o.script}` }, this.o.source);
    return job;
  }

  /** The results in input order once every task has one; rejects on a task failed for good, or `Interrupted` when `signal` aborts (after cancelling the run's jobs). */
  async wait(signal?: AbortSignal): Promise<unknown[]> {
    try {
      while (this.#tasks.size > 0) {
        if (signal?.aborted) throw await this.interrupted();
        const failures = await this.poll();
        const fatal = failures.find((f) => f.code !== undefined);
        if (fatal) throw new HepuqError(fatal.code!, `task ${fatal.index} (${this.o.describe(fatal.index)}): ${fatal.message}`, { plugin: PLUGIN_NAME });
        const spent = failures.find((f) => this.#tasks.get(f.index)!.attempt > this.o.retries);
        if (spent) {
          const attempts = this.#tasks.get(spent.index)!.attempt;
          throw new HepuqError('TaskFailed', `task ${spent.index} (${this.o.describe(spent.index)}) failed after ${attempts} attempts: ${spent.message}`, { plugin: PLUGIN_NAME });
        }
        for (const f of failures) this.o.events.emit('executor:task-retry', { index: f.index, total: this.o.total, attempt: this.#tasks.get(f.index)!.attempt, message: f.message }, this.o.source);
        if (failures.length > 0) await this.submit(failures.map((f) => f.index));
        if (this.#tasks.size > 0) await sleep(this.o.options.pollInterval, signal);
      }
      return this.#results;
    } catch (e) {
      // a failed map leaves nothing waiting on the cluster; running tasks finish and are reused by a resubmission
      if (!(isHepuqError(e) && e.code === 'Interrupted')) await this.cancel(['--state=PENDING']);
      throw e;
    }
  }

  /** One look at Slurm and the run directory: results taken, starts reported, the attempts that failed. */
  private async poll(): Promise<Failure[]> {
    const listed = await this.squeue();
    const failures: Failure[] = [];
    for (const [index, t] of [...this.#tasks]) {
      const element = listed?.find((e) => e.job === t.job && e.index === index);
      if (element?.running) this.started(index, t);
      const resultFile = join(this.o.dir, runDirFiles.result(index));
      if (existsSync(resultFile)) {
        const value = await readValueFile(resultFile);
        this.started(index, t);
        this.provide(index, value);
        continue;
      }
      const failure = await readJsonFile(join(this.o.dir, runDirFiles.error(index)), TaskFailure).catch(() => undefined);
      if (failure && failure.attempt === t.attempt) {
        this.started(index, t);
        const code = failure.code && FATAL_CODES.has(failure.code) ? (failure.code as ErrorCode) : undefined;
        failures.push({ index, message: failure.message, code });
        continue;
      }
      if (listed === undefined) continue;
      if (element?.alive) {
        t.goneSince = undefined;
        continue;
      }
      t.goneSince ??= Date.now();
      if (Date.now() - t.goneSince >= this.o.options.gracePeriod) failures.push({ index, message: await this.vanished(index, t) });
    }
    return failures;
  }

  /** Report a task's start once per attempt. */
  private started(index: number, t: TaskState): void {
    if (t.started) return;
    t.started = true;
    this.o.events.emit('executor:task-start', { index, total: this.o.total, attempt: t.attempt }, this.o.source);
  }

  /** The elements Slurm lists for the unfinished tasks' jobs; undefined when squeue did not answer properly (nothing counts as gone then). */
  private async squeue(): Promise<ElementState[] | undefined> {
    const jobs = this.jobs();
    if (jobs.length === 0) return [];
    // squeue missing altogether is an error (nothing could ever count as gone); a slow or failing answer is skipped
    const r = await runTool(slurmTool(this.o.options, 'squeue'), ['-h', '-r', '-j', jobs.join(','), '-o', '%F %K %T'], TOOL_TIMEOUT_MS);
    // every job listed has left the controller's memory: none is pending or running
    if (r.code !== 0) return /invalid job id/i.test(r.stderr) ? [] : undefined;
    return parseSqueue(r.stdout);
  }

  /** The message of a task that left Slurm's queue without a result: what happened and the end of its stderr. */
  private async vanished(index: number, t: TaskState): Promise<string> {
    const log = join(this.o.dir, runDirFiles.logs, runDirFiles.log(index, t.job ?? '?', 'err'));
    const tail = await readFile(log, 'utf8').then((s) => s.trimEnd().split('\n').slice(-15).join('\n').slice(-2000), () => undefined);
    const what = `element ${index} of array job ${t.job} ended without a result (killed, over its time or memory limit, its node lost, or its setup failed)`;
    return tail ? `${what}; the end of its stderr (${log}):\n${tail}` : `${what}; ${log} is empty or missing`;
  }

  /** Cancel the run's jobs (all elements, or those matching `filter`, e.g. `--state=PENDING`); best effort. */
  async cancel(filter: string[] = []): Promise<void> {
    const jobs = this.jobs();
    if (jobs.length === 0) return;
    await runTool(slurmTool(this.o.options, 'scancel'), [...filter, ...jobs], TOOL_TIMEOUT_MS).catch(() => undefined);
  }

  private async interrupted(): Promise<HepuqError> {
    const jobs = this.jobs();
    const unfinished = this.#tasks.size;
    await this.cancel();
    const cancelled = jobs.length > 0 ? `; array job${jobs.length > 1 ? 's' : ''} ${jobs.join(', ')} cancelled (scancel)` : '';
    return new HepuqError('Interrupted', `the run was stopped with ${unfinished} of ${this.o.total} tasks unfinished${cancelled}; finished results stay in ${this.o.dir} and the same run submitted again reuses them`, { plugin: PLUGIN_NAME });
  }
}

/** Wait `ms`, or less when `signal` aborts. */
function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal?.addEventListener('abort', done, { once: true });
  });
}
