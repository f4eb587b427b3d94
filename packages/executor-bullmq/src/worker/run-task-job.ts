import { fromPayload, HepuqError, isHepuqError, resolveTaskModule, stampPairs, toPayload, valueBytes, versionDifferences, type TaskPayload, type TaskPool } from '@hepuq/core';
import { UnrecoverableError, type Job } from 'bullmq';
import { failureReason } from '../job-failure.js';
import { PLUGIN_META, PLUGIN_NAME } from '../plugin-meta.js';
import { storeFile, TaskJobData } from '../task-job.js';

/** What running a task job needs on this worker. */
export interface TaskJobContext {
  pool: TaskPool;
  /** This machine's mount of the shared store, when it differs from the submitter's. */
  store?: string;
  /** Directories to find the task's package from (the working directory, this package's install). */
  bases: readonly string[];
  /** Called when the task starts (after every check passed). */
  onStart?: (data: TaskJobData, attempt: number) => void;
}

/** A catalog error that no retry can fix, as BullMQ's unrecoverable failure (the run fails at once with the code). */
const unrecoverable = (e: HepuqError) => new UnrecoverableError(failureReason(e));

/**
 * Run one task job: validate its data, check the submitter's versions against this worker's,
 * resolve its module in this machine's installation, read its input, run it on `pool` (the local
 * executor's task runner) with the submitter's seed, and return its result as a payload (inline,
 * or a file written atomically to the store). A task's own failure is retried by BullMQ; a job this
 * worker cannot run (other versions, a missing package, foreign data) fails for good.
 * @example new Worker(queue, (job) => runTaskJob(job, { pool, bases: [process.cwd()] }), { connection })
 */
export async function runTaskJob(job: Job, ctx: TaskJobContext): Promise<TaskPayload> {
  const parsed = TaskJobData.safeParse(job.data);
  if (!parsed.success) throw unrecoverable(new HepuqError('InvalidArgument', `job ${job.id} on queue "${job.queueName}" is not a hepuq task (${parsed.error.issues[0]?.message ?? 'invalid data'})`, { plugin: PLUGIN_NAME }));
  const data = parsed.data;
  const resolved = (() => {
    try {
      return resolveTaskModule(data.module, ctx.bases);
    } catch (e) {
      throw isHepuqError(e) ? unrecoverable(e) : e;
    }
  })();
  const differences = versionDifferences(stampPairs(data.versions, PLUGIN_META, { module: data.module, resolved }));
  if (differences.length > 0) {
    throw unrecoverable(new HepuqError('VersionMismatch', `the worker cannot run run ${data.runId}: ${differences.join('; ')}`, { plugin: PLUGIN_NAME }));
  }
  const store = ctx.store ?? data.store;
  const input = await fromPayload(data.input, store);
  const attempt = job.attemptsMade + 1;
  ctx.onStart?.(data, attempt);
  const result = await ctx.pool.run({ module: resolved.url, export: data.export, input }, { seed: data.seed, attempt, index: data.index });
  return toPayload(valueBytes(result), { store, file: storeFile(job.queueName, data.runId, `result-${data.index}.v8`), inlineBytes: data.inlineBytes });
}
