import { fileURLToPath } from 'node:url';
import { TaskPool } from '@hepuq/core';
import { Worker, type Job } from 'bullmq';
import { connectRedis } from '../redis-connect.js';
import type { TaskJobData } from '../task-job.js';
import { runTaskJob } from './run-task-job.js';
import type { WorkerLogEntry } from './worker-log.js';
import type { WorkerOptions } from './worker-options.js';

/** A running worker: `closed` settles once it stopped; `close` stops it after its running tasks. */
export interface QueueWorker {
  readonly closed: Promise<void>;
  close(): Promise<void>;
}

/**
 * Start a worker on `options.queue`: it takes task jobs from Redis (up to `concurrency` at once,
 * each on a worker thread of core's `TaskPool`, the local executor's task runner), renews their
 * locks while they run, and takes over tasks whose worker stalled. Fails with `ExecutorUnreachable`
 * when Redis does not answer. With `maxIdle` it stops by itself after that many idle seconds.
 * @example const w = await startQueueWorker(WorkerOptions.parse({ redis: 'redis://127.0.0.1:6379' }), console.log); await w.closed;
 */
export async function startQueueWorker(options: WorkerOptions, log: (entry: WorkerLogEntry) => void = () => undefined): Promise<QueueWorker> {
  const me = options.name;
  const redis = await connectRedis(options.redis, { timeoutMs: options.connectTimeout, who: `hepuq worker (queue "${options.queue}")` });
  const pool = new TaskPool('threads');
  const bases = [process.cwd(), fileURLToPath(new URL('.', import.meta.url))];
  let running = 0;
  let lastActive = Date.now();
  const worker = new Worker(options.queue, async (job: Job) => {
    running++;
    try {
      return await runTaskJob(job, {
        pool, store: options.store, bases,
        onStart: (data: TaskJobData, attempt) => log({ event: 'task-start', worker: me, runId: data.runId, index: data.index, total: data.total, attempt, jobId: String(job.id) }),
      });
    } finally {
      running--;
      lastActive = Date.now();
    }
  }, {
    connection: redis, concurrency: options.concurrency, name: me, autorun: false,
    lockDuration: options.lockDuration, stalledInterval: options.stalledInterval, maxStalledCount: options.maxStalled,
  });
  worker.on('completed', (job) => log({ event: 'task-done', worker: me, jobId: String(job.id) }));
  worker.on('failed', (job, e) => log({ event: 'task-failed', worker: me, jobId: String(job?.id), message: e.message }));
  worker.on('error', (e) => log({ event: 'error', worker: me, message: e.message }));

  let idleTimer: NodeJS.Timeout | undefined;
  let closing: Promise<void> | undefined;
  const close = () => (closing ??= (async () => {
    clearInterval(idleTimer);
    await worker.close();
    await pool.dispose();
    redis.disconnect();
  })());
  if (options.maxIdle !== undefined) {
    const maxIdle = options.maxIdle;
    idleTimer = setInterval(() => {
      if (running > 0 || (Date.now() - lastActive) / 1000 < maxIdle) return;
      log({ event: 'idle', worker: me, seconds: maxIdle });
      void close();
    }, Math.min(1000, Math.max(50, maxIdle * 250)));
  }
  const closed = worker.run()
    .catch((e: unknown) => log({ event: 'error', worker: me, message: (e as Error).message }))
    .then(() => close());
  await worker.waitUntilReady();
  log({ event: 'ready', worker: me, queue: options.queue, concurrency: options.concurrency });
  return { closed, close };
}
