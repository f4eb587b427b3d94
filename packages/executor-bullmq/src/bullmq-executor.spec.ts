import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { EventBus, LocalExecutor, LocalExecutorOptions, type HepuqEvent, type TaskContext, type TaskSpec } from '@hepuq/core';
import { caught, expectCatalogError } from '@hepuq/testing';
import { Queue } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bullmqExecutorFactory } from './bullmq-executor.factory.js';
import { startRedisServer } from './redis-server.js';
import { assertCliBuilt, startWorkerProcess, waitFor, workerLog, type WorkerProcess } from './spec-helpers.js';

// The executor against a real redis-server and two `hepuq worker` processes (one task at a time
// each, so a map of more tasks has some waiting), plus one worker started in another project.
const redis = await startRedisServer();
const home = mkdtempSync(join(tmpdir(), 'hepuq-bullmq-spec-'));
const store = join(home, 'store');
const QUEUE = 'spec';
const FIXTURES = new URL('./spec-fixtures.task.ts', import.meta.url).href;
const task = <I>(fn: string, input: I, seed?: number): TaskSpec<I> => ({ module: FIXTURES, export: fn, input, ...(seed === undefined ? {} : { seed }) });
let workers: WorkerProcess[] = [];

const executor = (options: Record<string, unknown> = {}, events = new EventBus(), seed = 11) =>
  bullmqExecutorFactory.create({ redis: redis.url, queue: QUEUE, store, backoff: { type: 'fixed', delay: 0 }, pollInterval: 300, ...options }, { events, seed });

/** Every event of `type` on `events`, as it arrives. */
function collect(events: EventBus): HepuqEvent[] {
  const seen: HepuqEvent[] = [];
  events.events$.subscribe((e) => e.type.startsWith('executor:') && seen.push(e));
  return seen;
}

const ready = (w: WorkerProcess) => workerLog(w).some((e) => e.event === 'ready');

beforeAll(async () => {
  assertCliBuilt();
  workers = [0, 1].map(() => startWorkerProcess(['--redis', redis.url, '--queue', QUEUE, '--concurrency', '1']));
  await waitFor(() => workers.every(ready), 60_000, `both workers ready (${workers.map((w) => w.stderr()).join(' | ')})`);
});

afterAll(async () => {
  await Promise.all(workers.map((w) => w.stop()));
  await redis.stop();
  rmSync(home, { recursive: true, force: true });
});

describe('BullmqExecutor', () => {
  it('relays the local executor\'s progress events: start, retry with the task\'s message, done in order', async () => {
    const events = new EventBus();
    const seen = collect(events);
    const ex = executor({}, events);
    const out = await ex.map<number, TaskContext & { input: number }>([task('failOnce', 5), task('failOnce', 6)], { retries: 1 });
    await ex.dispose();
    expect(out.map((r) => [r.input, r.attempt, r.index])).toEqual([[5, 2, 0], [6, 2, 1]]);
    const of = (type: string) => seen.filter((e) => e.type === type).map((e) => e.payload as Record<string, unknown>);
    expect(of('executor:task-done').map((p) => p.done)).toEqual([1, 2]);
    expect(of('executor:task-done').every((p) => p.total === 2)).toBe(true);
    expect(of('executor:task-retry').map((p) => [p.index, p.attempt]).sort()).toEqual([[0, 1], [1, 1]]);
    expect(of('executor:task-retry').map((p) => p.message).sort()).toEqual(['fixture task 5 fails its first attempt', 'fixture task 6 fails its first attempt']);
    // each task started twice: attempt 1, then its retry
    expect(of('executor:task-start').map((p) => `${p.index}:${p.attempt}`).sort()).toEqual(['0:1', '0:2', '1:1', '1:2']);
  });

  it('gives every task the seed the local executor gives it', async () => {
    const tasks = [0, 1, 2, 3].map((tag) => task('sleep', { ms: 0, tag }));
    const ex = executor({}, new EventBus(), 23);
    const local = new LocalExecutor(new EventBus(), LocalExecutorOptions.parse({ mode: 'inline', seed: 23 }));
    const [remote, here] = await Promise.all([ex.map<unknown, TaskContext>(tasks), local.map<unknown, TaskContext>(tasks)]);
    await Promise.all([ex.dispose(), local.dispose()]);
    expect(remote.map((r) => r.seed)).toEqual(here.map((r) => r.seed));
    expect(new Set(remote.map((r) => r.seed)).size).toBe(4);
  });

  it('moves large inputs and results through the store, bit for bit, and small ones through Redis', async () => {
    const input = Float32Array.from({ length: 50_000 }, (_, i) => Math.sin(i) * 1e-3);
    const ex = executor({ inlineBytes: 4096 });
    const [big, small, summary] = await ex.map<unknown, unknown>([task('seededArray', { n: 40_000 }, 7), task('seededArray', { n: 10 }, 7), task('summarise', input)]);
    await ex.dispose();
    const local = new LocalExecutor(new EventBus(), LocalExecutorOptions.parse({ mode: 'inline' }));
    const [expected] = await local.map<unknown, Float32Array>([task('seededArray', { n: 40_000 }, 7)]);
    expect(big).toBeInstanceOf(Float32Array);
    expect(Buffer.from((big as Float32Array).buffer).equals(Buffer.from(expected.buffer))).toBe(true);
    expect(Array.from(small as Float32Array)).toEqual(Array.from(expected.subarray(0, 10)));
    expect(summary).toEqual({ length: input.length, sum: input.reduce((a, b) => a + b, 0), attempt: 1 });
    // one run directory: the big input and the big result as files, the small ones inline
    const [run] = readdirSync(join(store, QUEUE)).filter((d) => existsSync(join(store, QUEUE, d, 'input-2.v8')));
    expect(readdirSync(join(store, QUEUE, run)).sort()).toEqual(['input-2.v8', 'result-0.v8']);
  });

  it('reuses the finished tasks of a run submitted again, from another executor', async () => {
    const tasks = [1, 2, 3].map((tag) => task('sleep', { ms: 50, tag }));
    const first = executor();
    const a = await first.map<unknown, TaskContext & { tag: number }>(tasks);
    await first.dispose();
    const events = new EventBus();
    const seen = collect(events);
    const again = executor({}, events);
    const b = await again.map<unknown, TaskContext & { tag: number }>(tasks);
    await again.dispose();
    expect(b).toEqual(a);
    expect(seen.filter((e) => e.type === 'executor:task-start'), 'nothing ran again').toEqual([]);
    expect(seen.filter((e) => e.type === 'executor:task-done').length).toBe(3);
  });

  it('withdraws the waiting tasks when the run is stopped, and a resubmission runs only what did not finish', async () => {
    const queue = new Queue(QUEUE, { connection: { url: redis.url } });
    try {
      const tasks = [0, 1, 2, 3, 4, 5].map((tag) => task('sleep', { ms: 1500, tag }));
      const events = new EventBus();
      const stop = new AbortController();
      events.events$.subscribe((e) => e.type === 'executor:task-start' && stop.abort());
      const ex = executor({}, events);
      const err = await caught(() => ex.map(tasks, { signal: stop.signal }));
      const counts = await queue.getJobCounts('waiting', 'delayed', 'prioritized', 'active');
      expect(counts.waiting + counts.delayed + counts.prioritized, 'no task left waiting').toBe(0);
      // one or both workers had taken a task when the stop came: those go on
      const running = counts.active;
      expect([1, 2]).toContain(running);
      expectCatalogError(err, 'a stopped map', { code: 'Interrupted', mentions: [`${6 - running} waiting tasks withdrawn from queue "${QUEUE}"`] });
      const seen = collect(events);
      const out = await ex.map<unknown, TaskContext & { tag: number }>(tasks);
      await ex.dispose();
      expect(out.map((r) => r.tag)).toEqual([0, 1, 2, 3, 4, 5]);
      expect(seen.filter((e) => e.type === 'executor:task-start').length, 'the withdrawn tasks ran again; the running ones were followed, not rerun').toBe(6 - running);
    } finally {
      await queue.close();
    }
  });

  it('fails with ExecutorUnreachable, naming the server, when no Redis answers', async () => {
    const port = await new Promise<number>((resolve) => {
      const s = createServer().listen(0, '127.0.0.1', () => {
        const { port: p } = s.address() as { port: number };
        s.close(() => resolve(p));
      });
    });
    const ex = bullmqExecutorFactory.create({ redis: `redis://127.0.0.1:${port}`, store, connectTimeout: 2000 }, { events: new EventBus(), seed: 1 });
    const err = await caught(() => ex.map([task('sleep', { ms: 0 })]));
    expectCatalogError(err, 'an unreachable Redis', { code: 'ExecutorUnreachable', mentions: [`redis://127.0.0.1:${port}`] });
    await ex.dispose();
  });

  it('rejects invalid options naming the key', () => {
    const bad = (options: Record<string, unknown>) => () => bullmqExecutorFactory.create(options, { events: new EventBus(), seed: 1 });
    expect(bad({ redis: 'http://x', store })).toThrow(/executor\.options\.redis/);
    expect(bad({ redis: redis.url })).toThrow(/executor\.options\.store/);
    expect(bad({ redis: redis.url, store, queue: 'a:b' })).toThrow(/executor\.options\.queue/);
  });
});

describe('a worker with other versions', () => {
  // The task module belongs to a package installed at 1.0.0 where the run is submitted and at
  // 2.0.0 in the project the worker runs in.
  const fakePackage = (dir: string, version: string, answer: string) => {
    const root = join(dir, 'node_modules', 'hepuq-spec-tasks');
    mkdirSync(root, { recursive: true });
    writeFileSync(join(root, 'package.json'), JSON.stringify({ name: 'hepuq-spec-tasks', version, type: 'module', main: 'tasks.mjs' }));
    writeFileSync(join(root, 'tasks.mjs'), `export function whoami() { return ${JSON.stringify(answer)}; }\n`);
    return pathToFileURL(join(root, 'tasks.mjs')).href;
  };
  const submitter = join(home, 'submitter');
  const project = join(home, 'worker-project');
  const module = fakePackage(submitter, '1.0.0', 'submitter');
  let worker: WorkerProcess;

  beforeAll(async () => {
    fakePackage(project, '2.0.0', 'worker-project');
    worker = startWorkerProcess(['--redis', redis.url, '--queue', 'versions', '--concurrency', '1'], { cwd: project });
    await waitFor(() => ready(worker), 60_000, `the worker ready (${worker.stderr()})`);
  });
  afterAll(() => worker?.stop());

  it('fails the run with VersionMismatch naming the package and both versions, without retries', async () => {
    const ex = executor({ queue: 'versions', attempts: 3 });
    const err = await caught(() => ex.map([{ module, export: 'whoami', input: null }]));
    await ex.dispose();
    expectCatalogError(err, 'a worker with another plugin version', { code: 'VersionMismatch', mentions: ['hepuq-spec-tasks 2.0.0 here, 1.0.0 on the submitting machine'] });
    expect(workerLog(worker).filter((e) => e.event === 'task-start'), 'the task never started').toEqual([]);
  });

  it('runs the task from its own installation once the versions agree', async () => {
    fakePackage(project, '1.0.0', 'worker-project');
    const ex = executor({ queue: 'versions' });
    expect(await ex.map([{ module, export: 'whoami', input: null }])).toEqual(['worker-project']);
    await ex.dispose();
  });
});
