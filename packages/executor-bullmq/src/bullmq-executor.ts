import { resolve } from 'node:path';
import { EventsToken, fromPayload, HepuqError, isHepuqError, localVersions, runId, TaskPayload, taskModuleRef, taskSeed, toPayload, valueBytes, type Events, type Executor, type MapOptions, type TaskSpec } from '@hepuq/core';
import type { Queue, QueueEvents } from 'bullmq';
import type { Redis } from 'ioredis';
import { inject, injectable } from 'tsyringe';
import { BULLMQ_EXECUTOR, BullmqExecutorOptions, BullmqExecutorOptionsToken } from './bullmq-executor.options.js';
import { PLUGIN_META, PLUGIN_NAME } from './plugin-meta.js';
import { connectRedis, redactUrl } from './redis-connect.js';
import { RunTracker } from './run-tracker.js';
import { storeFile, TASK_JOB, taskJobId, type TaskJobData } from './task-job.js';
import { withdrawJobs } from './withdraw-jobs.js';

interface Connection {
  redis: Redis;
  queue: Queue;
  queueEvents: QueueEvents;
}

/** One task prepared for submission: its job id, its job data less the input, its input bytes. */
interface PreparedTask {
  index: number;
  jobId: string;
  data: Omit<TaskJobData, 'input'>;
  input: Uint8Array;
}

/** States in which a job still waits for a worker (withdrawn on cancel or failure). */
const JOB_STATES_IN_FLIGHT = new Set(['waiting', 'delayed', 'prioritized', 'waiting-children', 'active']);

/**
 * Runs tasks as BullMQ jobs on a Redis queue, executed by `hepuq worker` processes on any number
 * of machines. Per-task seeds as the local executor; job ids derived from the run (a resubmitted
 * run reuses finished results); retries with backoff; large inputs and results as files in the
 * shared store; the local executor's progress events; a stop (the map's signal) or a failed task
 * withdraws the run's waiting jobs. BullMQ and ioredis are loaded on first use.
 * @example const ex = new BullmqExecutor(events, BullmqExecutorOptions.parse({ redis: 'redis://127.0.0.1:6379', store: '/shared/hepuq' }));
 *          const results = await ex.map(tasks); await ex.dispose();
 */
@injectable()
export class BullmqExecutor implements Executor {
  readonly name = BULLMQ_EXECUTOR;
  #connection: Promise<Connection> | undefined;

  constructor(
    @inject(EventsToken) private readonly events: Events,
    @inject(BullmqExecutorOptionsToken) private readonly options: BullmqExecutorOptions,
  ) {}

  async map<I, R>(tasks: TaskSpec<I>[], mapOptions: MapOptions = {}): Promise<R[]> {
    if (tasks.length === 0) return [];
    if (mapOptions.signal?.aborted) throw new HepuqError('Interrupted', `the run was stopped before its ${tasks.length} tasks were submitted`, { plugin: PLUGIN_NAME });
    const o = this.options;
    const store = resolve(o.store);
    const attempts = mapOptions.retries !== undefined ? mapOptions.retries + 1 : o.attempts;
    const prepared = prepareTasks(tasks, o.seed, store, o.inlineBytes);
    const { queue, queueEvents } = await this.connect();
    const tracker = new RunTracker({
      queue, queueEvents, store, total: tasks.length, pollInterval: o.pollInterval, events: this.events, source: this.name,
      describe: (index) => tasks[index].export,
    });
    try {
      for (const task of prepared) await this.submit(queue, task, tracker, { store, attempts });
      return (await tracker.wait(mapOptions.signal)) as R[];
    } catch (e) {
      const unfinished = tracker.unfinished();
      const withdrawn = await withdrawJobs(queue, unfinished);
      if (!isHepuqError(e) || e.code !== 'Interrupted') throw e;
      throw new HepuqError('Interrupted', `${e.message}: ${withdrawn} waiting tasks withdrawn from queue "${o.queue}"; ${unfinished.length - withdrawn} running ones finish on their workers, and the same run submitted again reuses their results`, { plugin: PLUGIN_NAME });
    } finally {
      tracker.stop();
    }
  }

  /**
   * Put one task on the queue, unless the same run submitted earlier has it: a finished job's
   * result is taken (when it can still be read), a waiting or running job is followed, a failed
   * one is replaced by a fresh job with new attempts.
   */
  private async submit(queue: Queue, task: PreparedTask, tracker: RunTracker, at: { store: string; attempts: number }): Promise<void> {
    const o = this.options;
    const state = await queue.getJobState(task.jobId);
    if (state === 'completed' && (await this.reuse(queue, task, tracker, at.store))) return;
    if (JOB_STATES_IN_FLIGHT.has(state)) return tracker.track(task.jobId, task.index, (await queue.getJob(task.jobId))?.attemptsMade ?? 0);
    if (state === 'failed' || state === 'completed') await queue.remove(task.jobId);
    const input = await toPayload(task.input, { store: at.store, file: storeFile(o.queue, task.data.runId, `input-${task.index}.v8`), inlineBytes: o.inlineBytes });
    tracker.track(task.jobId, task.index);
    await queue.add(TASK_JOB, { ...task.data, input } satisfies TaskJobData, {
      jobId: task.jobId, attempts: at.attempts, backoff: o.backoff,
      removeOnComplete: { age: o.keepCompleted }, removeOnFail: { age: o.keepCompleted },
    });
  }

  /** Take the result of a finished job of an earlier submission; false (rerun it) when it cannot be read. */
  private async reuse(queue: Queue, task: PreparedTask, tracker: RunTracker, store: string): Promise<boolean> {
    const payload = TaskPayload.safeParse((await queue.getJob(task.jobId))?.returnvalue);
    if (!payload.success) return false;
    const value = await fromPayload(payload.data, store).catch(() => undefined);
    if (value === undefined) return false;
    tracker.provide(task.index, value);
    return true;
  }

  private connect(): Promise<Connection> {
    this.#connection ??= openConnection(this.options);
    // a failed connection is not kept: the next map tries again
    this.#connection.catch(() => (this.#connection = undefined));
    return this.#connection;
  }

  async dispose(): Promise<void> {
    const pending = this.#connection;
    this.#connection = undefined;
    const c = await pending?.catch(() => undefined);
    if (!c) return;
    await Promise.allSettled([c.queueEvents.close(), c.queue.close()]);
    c.redis.disconnect();
  }
}

/** Seeds, portable module references, input bytes, the run id and the job data of every task. */
function prepareTasks<I>(tasks: TaskSpec<I>[], runSeed: number, store: string, inlineBytes: number): PreparedTask[] {
  const versions = localVersions(PLUGIN_META);
  const modules = new Map<string, ReturnType<typeof taskModuleRef>>();
  const moduleRef = (url: string) => modules.get(url) ?? modules.set(url, taskModuleRef(url)).get(url)!;
  const identities = tasks.map((spec, index) => ({ module: moduleRef(spec.module), export: spec.export, seed: taskSeed(spec, runSeed, index), input: valueBytes(spec.input) }));
  const id = runId(identities, versions);
  return identities.map((t, index) => ({
    index,
    jobId: taskJobId(id, index),
    input: t.input,
    data: { v: 1, runId: id, index, total: tasks.length, module: t.module, export: t.export, seed: t.seed, store, inlineBytes, versions },
  }));
}

/** The queue, its event stream (read from now on, before any job of ours exists) and their Redis connection. */
async function openConnection(o: BullmqExecutorOptions): Promise<Connection> {
  const redis = await connectRedis(o.redis, { timeoutMs: o.connectTimeout, who: `executor "${BULLMQ_EXECUTOR}" (queue "${o.queue}")` });
  try {
    const { Queue, QueueEvents } = await import('bullmq');
    const queue = new Queue(o.queue, { connection: redis });
    const tail = (await redis.xrevrange(queue.keys.events, '+', '-', 'COUNT', 1))[0]?.[0] ?? '0-0';
    const queueEvents = new QueueEvents(o.queue, { connection: redis, lastEventId: tail });
    queueEvents.on('error', () => undefined); // connection errors: ioredis reconnects, the sweep catches up
    await queueEvents.waitUntilReady();
    return { redis, queue, queueEvents };
  } catch (e) {
    redis.disconnect();
    throw new HepuqError('ExecutorUnreachable', `executor "${BULLMQ_EXECUTOR}": cannot open queue "${o.queue}" at ${redactUrl(o.redis)}: ${(e as Error).message}`, { plugin: PLUGIN_NAME, cause: e });
  }
}
