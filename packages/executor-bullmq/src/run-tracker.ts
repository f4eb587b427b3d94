import { fromPayload, HepuqError, TaskPayload, type Events } from '@hepuq/core';
import type { Job, Queue, QueueEvents } from 'bullmq';
import { catalogFailure } from './job-failure.js';
import { PLUGIN_NAME } from './plugin-meta.js';

/** What a tracker needs: the run's queue and its events, where payload files live, how to report. */
export interface RunTrackerOptions {
  queue: Queue;
  queueEvents: QueueEvents;
  /** The store root on this machine. */
  store: string;
  total: number;
  /** Milliseconds between sweeps over the unfinished jobs (a safety net for missed events). */
  pollInterval: number;
  events: Events;
  /** The executor's name, the source of the progress events. */
  source: string;
  /** The task's export, for messages. */
  describe: (index: number) => string;
}

type Listener = (args: { jobId: string; prev?: string }) => void;

const STALLED = 'its worker stopped answering (stalled: killed, out of memory, or cut off from Redis); another worker takes the task over';

/**
 * Follows the jobs of one map until each has a result: relays the queue's events as the local
 * executor's progress events (`executor:task-start`, `-retry`, `-done`), reads every result
 * (inline or from the store), and fails on the first task that fails for good. Events are the
 * fast path; a periodic sweep of the unfinished jobs' states makes a missed event cost only a delay.
 * @example const tracker = new RunTracker(options); tracker.track(jobId, 0); const results = await tracker.wait(signal); tracker.stop();
 */
export class RunTracker {
  readonly #pending = new Map<string, number>();
  readonly #results: unknown[];
  readonly #attempts = new Map<string, number>();
  readonly #checking = new Set<string>();
  readonly #listeners: [string, Listener][] = [];
  #done = 0;
  #timer: NodeJS.Timeout | undefined;
  #finish: { resolve: (r: unknown[]) => void; reject: (e: unknown) => void } | undefined;
  #outcome: { ok: true } | { ok: false; error: unknown } | undefined;

  constructor(private readonly o: RunTrackerOptions) {
    this.#results = new Array(o.total);
    const on = (event: string, fn: Listener) => {
      this.#listeners.push([event, fn]);
      (o.queueEvents as unknown as { on(e: string, f: Listener): void }).on(event, fn);
    };
    on('active', ({ jobId }) => this.#pending.has(jobId) && void this.started(jobId));
    on('completed', ({ jobId }) => this.#pending.has(jobId) && void this.check(jobId));
    on('failed', ({ jobId }) => this.#pending.has(jobId) && void this.check(jobId));
    on('delayed', ({ jobId }) => this.#pending.has(jobId) && void this.requeued(jobId, false));
    on('waiting', ({ jobId, prev }) => prev === 'active' && this.#pending.has(jobId) && void this.requeued(jobId, false));
    on('stalled', ({ jobId }) => this.#pending.has(jobId) && void this.requeued(jobId, true));
  }

  /** Follow task `index` under `jobId` (call before the job can finish). */
  track(jobId: string, index: number, attemptsMade = 0): void {
    this.#pending.set(jobId, index);
    this.#attempts.set(jobId, attemptsMade);
  }

  /** Task `index` already has its result (a finished job of an earlier submission): count it done. */
  provide(index: number, value: unknown): void {
    this.#results[index] = value;
    this.#done++;
    this.o.events.emit('executor:task-done', { index, total: this.o.total, done: this.#done }, this.o.source);
  }

  /** Ids of the jobs without a result yet. */
  unfinished(): string[] {
    return [...this.#pending.keys()];
  }

  /** The results in input order once every tracked job has one; rejects on a failed task or when `signal` aborts. */
  wait(signal?: AbortSignal): Promise<unknown[]> {
    const result = new Promise<unknown[]>((resolve, reject) => (this.#finish = { resolve, reject }));
    if (this.#outcome) this.settle();
    const abort = () => this.fail(new HepuqError('Interrupted', `the run was stopped with ${this.#pending.size} of ${this.o.total} tasks unfinished`, { plugin: PLUGIN_NAME }));
    if (signal?.aborted) abort();
    signal?.addEventListener('abort', abort, { once: true });
    const sweep = () => {
      if (this.#outcome) return;
      for (const jobId of this.#pending.keys()) void this.check(jobId);
      this.#timer = setTimeout(sweep, this.o.pollInterval);
    };
    sweep();
    if (this.#pending.size === 0) this.complete();
    return result.finally(() => signal?.removeEventListener('abort', abort));
  }

  /** Stop listening and sweeping. */
  stop(): void {
    clearTimeout(this.#timer);
    for (const [event, fn] of this.#listeners.splice(0)) (this.o.queueEvents as unknown as { off(e: string, f: Listener): void }).off(event, fn);
  }

  private async started(jobId: string): Promise<void> {
    const job = await this.job(jobId);
    const index = this.#pending.get(jobId);
    if (!job || index === undefined) return;
    this.o.events.emit('executor:task-start', { index, total: this.o.total, attempt: job.attemptsMade + 1 }, this.o.source);
  }

  /** A job back in the queue: a failed attempt waiting for its retry, or a stalled one. */
  private async requeued(jobId: string, stalled: boolean): Promise<void> {
    const job = await this.job(jobId);
    const index = this.#pending.get(jobId);
    if (!job || index === undefined) return;
    const seen = this.#attempts.get(jobId) ?? 0;
    if (job.attemptsMade > seen) {
      this.#attempts.set(jobId, job.attemptsMade);
      this.o.events.emit('executor:task-retry', { index, total: this.o.total, attempt: job.attemptsMade, message: job.failedReason ?? 'failed' }, this.o.source);
    } else if (stalled) {
      this.o.events.emit('executor:task-retry', { index, total: this.o.total, attempt: job.attemptsMade + 1, message: STALLED }, this.o.source);
    }
  }

  /** Look at a job's state: take its result when completed, fail the map when it failed for good. */
  private async check(jobId: string): Promise<void> {
    if (this.#checking.has(jobId) || this.#outcome) return;
    this.#checking.add(jobId);
    try {
      const state = await this.o.queue.getJobState(jobId).catch(() => undefined);
      if (state !== 'completed' && state !== 'failed') return;
      const job = await this.job(jobId);
      const index = this.#pending.get(jobId);
      if (!job || index === undefined) return;
      if (state === 'failed') return this.fail(this.failure(job, index));
      const payload = TaskPayload.safeParse(job.returnvalue);
      if (!payload.success) return this.fail(new HepuqError('InternalError', `task ${index} (${this.o.describe(index)}) completed without a hepuq result (job ${jobId}): was it run by a worker of another program?`, { plugin: PLUGIN_NAME }));
      const value = await fromPayload(payload.data, this.o.store);
      if (!this.#pending.delete(jobId)) return;
      this.provide(index, value);
      if (this.#pending.size === 0) this.complete();
    } catch (e) {
      this.fail(e);
    } finally {
      this.#checking.delete(jobId);
    }
  }

  private failure(job: Job, index: number): HepuqError {
    const catalog = catalogFailure(job.failedReason);
    if (catalog) return new HepuqError(catalog.code, `task ${index} (${this.o.describe(index)}): ${catalog.message}`, { plugin: PLUGIN_NAME });
    return new HepuqError('TaskFailed', `task ${index} (${this.o.describe(index)}) failed after ${job.attemptsMade} attempts: ${job.failedReason}`, { plugin: PLUGIN_NAME });
  }

  private job(jobId: string): Promise<Job | undefined> {
    return this.o.queue.getJob(jobId).catch(() => undefined);
  }

  private complete(): void {
    this.#outcome ??= { ok: true };
    this.settle();
  }

  private fail(error: unknown): void {
    this.#outcome ??= { ok: false, error };
    this.settle();
  }

  private settle(): void {
    if (!this.#finish || !this.#outcome) return;
    clearTimeout(this.#timer);
    if (this.#outcome.ok) this.#finish.resolve(this.#results);
    else this.#finish.reject(this.#outcome.error);
  }
}
