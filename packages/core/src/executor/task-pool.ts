import { Worker } from 'node:worker_threads';
import type { TaskContext, TaskFunction, TaskSpec } from './executor.js';
import type { TaskReply, TaskRequest } from './task-worker.js';

/** Where a pool runs tasks: `threads`, one worker thread per concurrent task; `inline`, in this thread. */
export type TaskPoolMode = 'threads' | 'inline';

/** Threads for JavaScript modules, and threads that register tsx's loader first (TypeScript modules). */
type ThreadKind = 'js' | 'ts';

const TYPESCRIPT = /\.[cm]?tsx?$/;
/** Core itself runs from its TypeScript sources (tests, tsx): every thread needs the loader. */
const FROM_SOURCES = import.meta.url.endsWith('.ts');

/**
 * Runs single tasks (`module`'s `export` with `(input, ctx)`) on reusable worker threads, each
 * initialising the tensor backend once before its first task, or inline in this thread. The local
 * executor's slots and `hepuq worker` (a distributed executor's worker) share it, so a task runs
 * the same way wherever it is scheduled. A thread that dies fails its task and is replaced. A task
 * module written in TypeScript runs on a thread that registers tsx's loader first (tsx installed).
 * @example const pool = new TaskPool('threads'); const r = await pool.run(spec, { seed: 7, attempt: 1, index: 0 }); await pool.dispose();
 */
export class TaskPool {
  readonly #workers: Worker[] = [];
  readonly #idle: Record<ThreadKind, Worker[]> = { js: [], ts: [] };

  constructor(readonly mode: TaskPoolMode) {}

  /** Run one task; concurrent calls use as many threads as are running at once. */
  run(spec: TaskSpec, ctx: TaskContext): Promise<unknown> {
    return this.mode === 'inline' ? runInline(spec, ctx) : this.runInWorker(spec, ctx);
  }

  /** End every thread (tasks still running on them fail). */
  async dispose(): Promise<void> {
    const workers = this.#workers.splice(0);
    this.#idle.js.length = 0;
    this.#idle.ts.length = 0;
    await Promise.all(workers.map((w) => w.terminate()));
  }

  private async runInWorker(spec: TaskSpec, ctx: TaskContext): Promise<unknown> {
    const kind: ThreadKind = FROM_SOURCES || TYPESCRIPT.test(spec.module.split(/[?#]/)[0]) ? 'ts' : 'js';
    const worker = this.#idle[kind].pop() ?? this.spawn(kind);
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
      if (this.#workers.includes(worker)) this.#idle[kind].push(worker);
    }
  }

  private spawn(kind: ThreadKind): Worker {
    const taskWorker = new URL(FROM_SOURCES ? './task-worker.ts' : './task-worker.js', import.meta.url);
    const worker = kind === 'ts'
      ? new Worker(`import(${JSON.stringify(tsxLoader())}).then((m) => { m.register(); return import(${JSON.stringify(taskWorker.href)}); });`, { eval: true })
      : new Worker(taskWorker);
    worker.unref();
    this.#workers.push(worker);
    return worker;
  }

  private forget(worker: Worker): void {
    this.#workers.splice(this.#workers.indexOf(worker), 1);
    for (const idle of Object.values(this.#idle)) {
      const i = idle.indexOf(worker);
      if (i >= 0) idle.splice(i, 1);
    }
  }
}

/** tsx's loader API, resolved from core's installation (else by name from the thread). */
function tsxLoader(): string {
  try {
    return import.meta.resolve('tsx/esm/api');
  } catch {
    return 'tsx/esm/api';
  }
}

async function runInline(spec: TaskSpec, ctx: TaskContext): Promise<unknown> {
  const mod = (await import(spec.module)) as Record<string, unknown>;
  const fn = mod[spec.export] as TaskFunction | undefined;
  if (typeof fn !== 'function') throw new Error(`${spec.module} has no exported function "${spec.export}"`);
  return fn(spec.input, ctx);
}
