import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { inject, injectable } from 'tsyringe';
import { z } from 'zod';
import { createToken } from '../di/token.js';
import { HepuqError } from '../errors/hepuq-error.js';
import type { Events } from '../events/event-bus.js';
import { Rng } from '../random/rng.js';
import { EventsToken } from '../tokens.js';
import type { Executor, MapOptions, TaskContext, TaskFunction, TaskSpec } from './executor.js';
import type { TaskReply, TaskRequest } from './task-worker.js';

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

type Runner = (spec: TaskSpec, ctx: TaskContext) => Promise<unknown>;

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
  readonly #workers: Worker[] = [];
  readonly #idle: Worker[] = [];

  constructor(
    @inject(EventsToken) private readonly events: Events,
    @inject(LocalExecutorOptionsToken) private readonly options: LocalExecutorOptions,
  ) {}

  async map<I, R>(tasks: TaskSpec<I>[], options: MapOptions = {}): Promise<R[]> {
    const retries = options.retries ?? 1;
    const total = tasks.length;
    const seeds = new Rng(this.options.seed);
    const results = new Array<R>(total);
    const queue = tasks.map((spec, index) => ({ spec, index, attempt: 1, seed: spec.seed ?? seeds.fork(index).nextSeed() }));
    const run: Runner = this.options.mode === 'inline' ? runInline : (spec, ctx) => this.runInWorker(spec, ctx);
    let done = 0;
    let failure: HepuqError | undefined;
    const slot = async (): Promise<void> => {
      for (let job = queue.shift(); job && !failure; job = queue.shift()) {
        if (options.signal?.aborted) throw new HepuqError('TaskFailed', `aborted before task ${job.index}`);
        const ctx: TaskContext = { seed: job.seed, attempt: job.attempt, index: job.index };
        this.events.emit('executor:task-start', { index: job.index, total, attempt: job.attempt }, this.name);
        try {
          results[job.index] = (await run(job.spec, ctx)) as R;
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
    await Promise.all([...Array(Math.min(this.options.concurrency, total)).keys()].map(slot));
    if (failure) throw failure;
    return results;
  }

  private async runInWorker(spec: TaskSpec, ctx: TaskContext): Promise<unknown> {
    const worker = this.#idle.pop() ?? this.spawn();
    try {
      return await new Promise((resolve, reject) => {
        const onMessage = (reply: TaskReply) => {
          cleanup();
          if (reply.ok) resolve(reply.result);
          else reject(Object.assign(new Error(reply.message), { code: reply.code }));
        };
        const onExit = (code: number) => {
          cleanup();
          this.forget(worker);
          reject(new Error(`worker exited with code ${code}`));
        };
        const onError = (e: Error) => {
          cleanup();
          this.forget(worker);
          void worker.terminate();
          reject(e);
        };
        const cleanup = () => {
          worker.off('message', onMessage);
          worker.off('exit', onExit);
          worker.off('error', onError);
        };
        worker.on('message', onMessage).on('exit', onExit).on('error', onError);
        worker.postMessage({ id: ctx.index, module: spec.module, export: spec.export, input: spec.input, ctx } satisfies TaskRequest);
      });
    } finally {
      if (this.#workers.includes(worker)) this.#idle.push(worker);
    }
  }

  private spawn(): Worker {
    // From TypeScript sources (tests, tsx) the worker registers the tsx loader first; from dist it is plain JS.
    const worker = import.meta.url.endsWith('.ts')
      ? new Worker(`import('tsx/esm/api').then((m) => { m.register(); return import(${JSON.stringify(new URL('./task-worker.ts', import.meta.url).href)}); });`, { eval: true })
      : new Worker(new URL('./task-worker.js', import.meta.url));
    worker.unref();
    this.#workers.push(worker);
    return worker;
  }

  private forget(worker: Worker): void {
    this.#workers.splice(this.#workers.indexOf(worker), 1);
    const i = this.#idle.indexOf(worker);
    if (i >= 0) this.#idle.splice(i, 1);
  }

  async dispose(): Promise<void> {
    const workers = this.#workers.splice(0);
    this.#idle.length = 0;
    await Promise.all(workers.map((w) => w.terminate()));
  }
}

async function runInline(spec: TaskSpec, ctx: TaskContext): Promise<unknown> {
  const mod = (await import(spec.module)) as Record<string, unknown>;
  const fn = mod[spec.export] as TaskFunction | undefined;
  if (typeof fn !== 'function') throw new Error(`${spec.module} has no exported function "${spec.export}"`);
  return fn(spec.input, ctx);
}
