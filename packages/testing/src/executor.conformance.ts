import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BroadcastChannel } from 'node:worker_threads';
import { EventBus, type Executor, type ExecutorFactory, type TaskSpec } from '@hepuq/core';
import { afterAll, describe, expect, it } from 'vitest';
import { caught, expectCatalogError, withUnknownKey } from './conformance-helpers.js';
import { CONFORMANCE_CHANNEL, type EchoResult, type MarkStartInput } from './executor-conformance.task.js';

export interface ExecutorConformanceOptions {
  factory: ExecutorFactory;
  /** Options for `create` (e.g. `{ mode: 'threads', concurrency: 2 }`). */
  options?: Record<string, unknown>;
  /** Label of this configuration in the test names (default: the options as JSON). */
  label?: string;
  /**
   * A directory every task of the executor can write to, for the cancellation test's start marks
   * (default: this machine's temporary directory, which serves executors whose tasks run here).
   */
  scratch?: string;
}

/** The suite's task module, beside this file (TypeScript sources under vitest, JavaScript from dist). */
const TASK_MODULE = new URL(`./executor-conformance.task${import.meta.url.endsWith('.ts') ? '.ts' : '.js'}`, import.meta.url).href;

const task = <I = number>(fn: string, input: I, seed?: number): TaskSpec<I> => ({ module: TASK_MODULE, export: fn, input, ...(seed === undefined ? {} : { seed }) });

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Thread ids of the worker threads that ran a conformance task and still answer, after `ms`. */
async function liveWorkerThreads(ms = 150): Promise<number[]> {
  const channel = new BroadcastChannel(CONFORMANCE_CHANNEL);
  const seen = new Set<number>();
  channel.onmessage = (e: unknown) => {
    const pong = (e as { data?: { pong?: number } }).data?.pong;
    if (typeof pong === 'number') seen.add(pong);
  };
  channel.postMessage('ping');
  await new Promise((resolve) => setTimeout(resolve, ms));
  channel.close();
  return [...seen];
}

/**
 * The contract every executor must meet: results come back in input order even when later tasks
 * finish first; per-task seeds are distinct, reproducible from the run seed, and a task's own seed
 * is passed through; a failing task is retried (`retries`) and, when it keeps failing, fails the map
 * with a `TaskFailed` HepuqError naming the task's index and carrying its message; a map whose
 * signal aborts rejects promptly with `Interrupted` and starts no further task (also when the signal
 * had aborted before the map); unknown options are rejected by the factory; `dispose` ends the worker threads that ran tasks (checked for executors using worker
 * threads of this process). Tasks come from this package's own task module, passed by URL.
 * @example describeExecutorConformance({ factory: localExecutorFactory, options: { mode: 'threads', concurrency: 2 } })
 */
export function describeExecutorConformance(c: ExecutorConformanceOptions): void {
  const { factory } = c;
  const options = c.options ?? {};
  // a few executors shared by the tests: starting workers (a tensor backend each) dominates the time
  const executors = new Map<string, Executor>();
  const executor = (name: 'main' | 'twin' | 'other'): Executor => {
    let ex = executors.get(name);
    if (!ex) {
      ex = factory.create(options, { events: new EventBus(), seed: name === 'other' ? 6 : 5 });
      executors.set(name, ex);
    }
    return ex;
  };

  describe(`executor conformance: ${factory.key} ${c.label ?? JSON.stringify(options)}`, () => {
    afterAll(async () => {
      await Promise.all([...executors.values()].map((ex) => ex.dispose()));
    });

    it('describes itself and rejects unknown options with a catalog error', async () => {
      expect(factory.key).toMatch(/^(?:[a-z0-9][a-z0-9-]*\/)?[a-z0-9][a-z0-9.-]*$/);
      expect(factory.description.trim()).not.toBe('');
      expect(executor('main').name.trim()).not.toBe('');
      const err = await caught(() => factory.create(withUnknownKey(options), { events: new EventBus(), seed: 1 }));
      expectCatalogError(err, 'unknown executor option', { code: ['InvalidConfig', 'InvalidArgument'] });
    });

    it('returns results in input order when later tasks finish first', async () => {
      const delays = [60, 45, 30, 15, 0, 5];
      const out = await executor('main').map<number, EchoResult>(delays.map((d) => task('echoAfter', d)));
      expect(out.map((r) => r.input)).toEqual(delays);
      expect(out.map((r) => r.index)).toEqual(delays.map((_, i) => i));
      expect(out.every((r) => r.attempt === 1)).toBe(true);
    });

    it('derives distinct per-task seeds reproducibly from the run seed, and keeps a task\'s own seed', async () => {
      const tasks = [0, 0, 0, 0].map((d) => task('echoAfter', d));
      // the twin and the other executor run one task each, so they start a single worker
      const [a, b, other] = await Promise.all([
        executor('main').map<number, EchoResult>(tasks),
        executor('twin').map<number, EchoResult>(tasks.slice(0, 1)),
        executor('other').map<number, EchoResult>(tasks.slice(0, 1)),
      ]);
      const seeds = a.map((r) => r.seed);
      expect(new Set(seeds).size, 'distinct per task').toBe(tasks.length);
      expect(b[0].seed, 'another executor with the same run seed gives the same task seed').toBe(seeds[0]);
      expect(other[0].seed, 'another run seed, another task seed').not.toBe(seeds[0]);
      const again = await executor('main').map<number, EchoResult>(tasks);
      expect(again.map((r) => r.seed), 'every map starts from the run seed').toEqual(seeds);
      const own = await executor('main').map<number, EchoResult>([task('echoAfter', 0, 1234), task('echoAfter', 0, 99)]);
      expect(own.map((r) => r.seed)).toEqual([1234, 99]);
    });

    it('retries a failing task and fails the map with TaskFailed once retries are spent', async () => {
      const ex = executor('main');
      const retried = await ex.map<number, EchoResult>([task('failOnce', 1), task('echoAfter', 0)], { retries: 1 });
      expect(retried.map((r) => r.attempt)).toEqual([2, 1]);
      const noRetry = await caught(() => ex.map([task('failOnce', 3)], { retries: 0 }));
      expectCatalogError(noRetry, 'a failing task without retries', { code: 'TaskFailed', mentions: ['conformance task 3 fails its first attempt'] });
      const err = await caught(() => ex.map([task('echoAfter', 0), task('alwaysFail', 7)], { retries: 2 }));
      expectCatalogError(err, 'a task that always fails', { code: 'TaskFailed', mentions: ['conformance task 7 always fails'] });
      expect((err as Error).message, 'the error names the failing task\'s index (1)').toMatch(/\btask 1\b/);
    });

    it('stops a map when its signal aborts: rejects promptly with Interrupted and starts no further task', async () => {
      const ex = executor('main');
      const before = await caught(() => ex.map([task('echoAfter', 0)], { signal: AbortSignal.abort() }));
      expectCatalogError(before, 'a map whose signal had aborted', { code: 'Interrupted' });

      const dir = mkdtempSync(join(c.scratch ?? tmpdir(), 'hepuq-executor-conformance-'));
      try {
        const n = 16;
        const controller = new AbortController();
        const running = caught(() => ex.map<MarkStartInput, number>(Array.from({ length: n }, () => task('markStart', { dir, ms: 1500 })), { signal: controller.signal }));
        const started = () => readdirSync(dir).length;
        // abort once the first task runs (starting workers or jobs can take a while on a loaded machine)
        for (const t0 = Date.now(); started() === 0; await sleep(20)) {
          if (Date.now() - t0 > 60_000) throw new Error('no conformance task started within 60 s');
        }
        controller.abort();
        const t0 = Date.now();
        const err = await running;
        // a stop does not wait for the tasks still queued: 16 x 1.5 s of work cannot finish in 5 s
        // on the few slots a conformance configuration has
        expect(Date.now() - t0, 'the map rejects within 5 s of the abort').toBeLessThan(5000);
        expectCatalogError(err, 'a map stopped by its signal', { code: 'Interrupted' });
        // tasks already handed to a slot, worker or array element may still start just after the abort;
        // after that, none may
        await sleep(2000);
        const settled = started();
        await sleep(2500);
        expect(started(), 'no task starts after a stop has settled').toBe(settled);
        expect(settled, 'tasks queued at the stop never start').toBeLessThan(n);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    }, 120_000);

    it('ends the worker threads that ran tasks on dispose', async () => {
      const ex = executor('main');
      const out = await ex.map<number, EchoResult>([0, 0, 0].map((d) => task('echoAfter', d)));
      const before = await liveWorkerThreads();
      await ex.dispose();
      executors.delete('main');
      // executors that run tasks in this thread or elsewhere have no thread here to end
      if (before.length === 0) return;
      const ran = [...new Set(out.map((r) => r.threadId))];
      expect(ran.every((id) => before.includes(id)), 'the threads that ran tasks answer before dispose').toBe(true);
      const after = await liveWorkerThreads();
      expect(ran.filter((id) => after.includes(id)), 'threads of the disposed executor still answering').toEqual([]);
    });
  });
}
