import { availableParallelism } from 'node:os';
import { inject, injectable } from 'tsyringe';
import { z } from 'zod';
import { createToken } from '../di/token.js';
import { HepuqError } from '../errors/hepuq-error.js';
import type { Events } from '../events/event-bus.js';
import { EventsToken } from '../tokens.js';
import type { Executor, MapOptions, TaskContext, TaskSpec } from './executor.js';
import { TaskPool } from './task-pool.js';
import { taskSeed } from './task-seed.js';

export const LOCAL_EXECUTOR = 'local';

export const LocalExecutorOptions = z
  .object({
    /** Tasks run at once (default: all cores). */
    concurrency: z.number().int().positive().default(Math.max(1, availableParallelism())),
    /** `threads`: one worker thread per slot (tfjs initialised once per worker); `inline`: in this thread. */
    mode: z.enum(['threads', 'inline']).default('threads'),
    /** Seed from which per-task seeds are derived when a task has none. */
    seed: z.number().int().nonnegative().default(0),
  })
  .strict();
export type LocalExecutorOptions = z.infer<typeof LocalExecutorOptions>;
export const LocalExecutorOptionsToken = createToken<LocalExecutorOptions>('hepuq:local-executor-options');

/**
 * Runs independent tasks on worker threads (or inline) using all cores: per-task seeds, retries,
 * progress events, results in input order. A task that still fails after its retries fails the map
 * with the task's own message; nothing is dropped silently.
 * @example const ex = new LocalExecutor(events, LocalExecutorOptions.parse({ concurrency: 2 }));
 *          const results = await ex.map([{ module: pathToFileURL(file).href, export: 'train', input: 3 }]);
 */
@injectable()
export class LocalExecutor implements Executor {
  readonly name = LOCAL_EXECUTOR;
  readonly #pool: TaskPool;

  constructor(
    @inject(EventsToken) private readonly events: Events,
    @inject(LocalExecutorOptionsToken) private readonly options: LocalExecutorOptions,
  ) {
    this.#pool = new TaskPool(options.mode);
  }

  async map<I, R>(tasks: TaskSpec<I>[], options: MapOptions = {}): Promise<R[]> {
    const retries = options.retries ?? 1;
    const total = tasks.length;
    const results = new Array<R>(total);
    const queue = tasks.map((spec, index) => ({ spec, index, attempt: 1, seed: taskSeed(spec, this.options.seed, index) }));
    const signal = options.signal;
    let done = 0;
    const stopped = (): HepuqError => new HepuqError('Interrupted', `the run was stopped with ${total - done} of ${total} tasks unfinished; tasks not yet started were dropped, running ones finish on their threads and their results are discarded`);
    if (signal?.aborted) throw stopped();
    let failure: HepuqError | undefined;
    const slot = async (): Promise<void> => {
      for (let job = queue.shift(); job && !failure && !signal?.aborted; job = queue.shift()) {
        const ctx: TaskContext = { seed: job.seed, attempt: job.attempt, index: job.index };
        this.events.emit('executor:task-start', { index: job.index, total, attempt: job.attempt }, this.name);
        try {
          results[job.index] = (await this.#pool.run(job.spec, ctx)) as R;
          done++;
          this.events.emit('executor:task-done', { index: job.index, total, done }, this.name);
        } catch (e) {
          const message = (e as Error).message;
          if (job.attempt <= retries) {
            this.events.emit('executor:task-retry', { index: job.index, total, attempt: job.attempt, message }, this.name);
            queue.push({ ...job, attempt: job.attempt + 1 });
          } else {
            failure ??= new HepuqError('TaskFailed', `task ${job.index} (${job.spec.export}) failed after ${job.attempt} attempts: ${message}`, { cause: e });
          }
        }
      }
    };
    // a stop rejects at once; the slots see it before their next task
    let onAbort: (() => void) | undefined;
    const aborted = new Promise<never>((_, reject) => {
      onAbort = () => reject(stopped());
      signal?.addEventListener('abort', onAbort, { once: true });
    });
    try {
      await Promise.race([Promise.all([...Array(Math.min(this.options.concurrency, total)).keys()].map(slot)), aborted]);
    } finally {
      if (onAbort) signal?.removeEventListener('abort', onAbort);
    }
    if (signal?.aborted) throw stopped();
    if (failure) throw failure;
    return results;
  }

  async dispose(): Promise<void> {
    await this.#pool.dispose();
  }
}
