import { availableParallelism, hostname } from 'node:os';
import { z } from '@hepuq/core';
import { QueueName, RedisUrl } from '../bullmq-executor.options.js';

const count = (min: number) => z.coerce.number().int().min(min);
const millis = z.coerce.number().int().positive();

/**
 * `hepuq worker` flags as commander hands them over (strings), validated and converted. The lock
 * and stall settings decide how soon a task of a worker that died (SIGKILL, out of memory, a lost
 * node) is taken over by another: its lock expires `lockDuration` ms after the last renewal, and a
 * stall check (every `stalledInterval` ms, by any worker) then puts the task back in the queue.
 */
export const WorkerOptions = z.object({
  redis: RedisUrl,
  queue: QueueName.default('hepuq'),
  /** Tasks run at once, each on its own worker thread (default: all cores). */
  concurrency: count(1).default(Math.max(1, availableParallelism())),
  /** Where this machine mounts the shared store (default: the path the submitting run gave). */
  store: z.string().min(1).optional(),
  /** Milliseconds a task's lock lasts; the worker renews it at half that while the task runs. */
  lockDuration: millis.default(30_000),
  /** Milliseconds between checks for tasks whose worker stopped renewing their lock. */
  stalledInterval: millis.default(30_000),
  /** How often a task may be taken over after a stall before it fails (a task that kills its workers). */
  maxStalled: count(0).default(1),
  /** Milliseconds to wait for Redis before failing with `ExecutorUnreachable`. */
  connectTimeout: millis.default(5000),
  /** Exit after this many seconds without a task (default: run until stopped). */
  maxIdle: z.coerce.number().positive().optional(),
  /** This worker's name in logs and on the jobs it runs. */
  name: z.string().min(1).default(`${hostname()}:${process.pid}`),
  json: z.boolean().optional(),
});
export type WorkerOptions = z.infer<typeof WorkerOptions>;
