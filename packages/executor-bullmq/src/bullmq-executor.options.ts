import { createToken, z } from '@hepuq/core';

/** Registry key of the executor: `executor: { use: bullmq, options: { redis, queue, store } }`. */
export const BULLMQ_EXECUTOR = 'bullmq';

/** `redis://[user:password@]host:port[/db]` or `rediss://` (TLS). */
export const RedisUrl = z.string().regex(/^rediss?:\/\/[^\s]+$/, { message: 'must be a redis:// or rediss:// URL, e.g. redis://127.0.0.1:6379' });

/** A BullMQ queue name (it becomes part of Redis keys, so no ':' or spaces). */
export const QueueName = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, { message: 'must be letters, digits, ".", "_" or "-" (it becomes part of Redis keys)' });

/** How long a failed attempt waits before the next: a fixed delay, or one doubling with every attempt. */
export const BackoffOptions = z
  .object({
    type: z.enum(['fixed', 'exponential']),
    /** Milliseconds before the first retry. */
    delay: z.number().int().nonnegative(),
  })
  .strict();
export type BackoffOptions = z.infer<typeof BackoffOptions>;

export const BullmqExecutorOptions = z
  .object({
    /** The Redis server that holds the queue (the same URL the workers are given with `--redis`). */
    redis: RedisUrl,
    /** The queue the workers listen on (`hepuq worker --queue`). */
    queue: QueueName.default('hepuq'),
    /** A directory every worker and the submitting machine see (a shared file system): large inputs and results live here. */
    store: z.string().min(1),
    /** Attempts of a failing task when the method does not say (`MapOptions.retries` + 1 wins). */
    attempts: z.number().int().positive().default(2),
    /** Delay before each retry of a failed attempt. */
    backoff: BackoffOptions.default({ type: 'exponential', delay: 1000 }),
    /** Inputs and results up to this many bytes travel inside Redis; larger ones are files in `store`. */
    inlineBytes: z.number().int().nonnegative().default(65536),
    /** Milliseconds to wait for Redis before failing with `ExecutorUnreachable`. */
    connectTimeout: z.number().int().positive().default(5000),
    /** Milliseconds between checks of the run's jobs besides the queue's events (a safety net for missed events). */
    pollInterval: z.number().int().positive().default(2000),
    /** Seconds a finished job (and so a reusable result) stays in Redis. */
    keepCompleted: z.number().int().nonnegative().default(7 * 24 * 3600),
    /** Seed from which per-task seeds are derived when a task has none (the run's seed). */
    seed: z.number().int().nonnegative().default(0),
  })
  .strict();
export type BullmqExecutorOptions = z.infer<typeof BullmqExecutorOptions>;
export const BullmqExecutorOptionsToken = createToken<BullmqExecutorOptions>('hepuq:bullmq-executor-options');
