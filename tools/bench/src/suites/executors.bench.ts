import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Dataset, EventBus, LocalExecutor, LocalExecutorOptions, Rng, selectBackend, type Executor, type TaskSpec } from '@hepuq/core';
import { bullmqExecutorFactory, startRedisServer } from '@hepuq/executor-bullmq';
import { deepEnsembleMethod } from '@hepuq/plugin-ensembles';
import type { BenchRecord } from '../bench-record.js';
import { median } from '../measure.js';

const MEMBERS = 20;
const INPUTS = 4;
const HIDDEN = [32, 32];
const BATCH = 256;
const EVENTS = BATCH * 20;
const EPOCHS = 10;
const REPEATS = 3;
/** No-op tasks per overhead measurement, and its repeats. */
const NOOPS = 20;
const NOOP_REPEATS = 5;
const CLI_BIN = fileURLToPath(new URL('../../../../packages/cli/dist/bin.js', import.meta.url));
const NOOP_MODULE = new URL('../noop.task.js', import.meta.url).href;

/** Seconds to train the 20-member deep ensemble one member per task on `executor` (median; a warm-up first). */
async function ensembleSeconds(data: Dataset, executor: Executor): Promise<number> {
  const options = deepEnsembleMethod.options.parse({ members: MEMBERS, hidden: HIDDEN, batchSize: BATCH, epochs: EPOCHS, stacked: false });
  const times: number[] = [];
  // seed 0 warms the workers up (threads, tensor backend); every repeat has its own seed, so the
  // BullMQ executor never reuses an earlier repeat's results
  for (let r = 0; r <= REPEATS; r++) {
    const t0 = performance.now();
    const model = await deepEnsembleMethod.fit(data, options, { rng: new Rng(100 + r), events: new EventBus(), executor });
    if (r > 0) times.push((performance.now() - t0) / 1000);
    model.dispose();
  }
  return median(times);
}

/** Milliseconds per task of NOOPS tasks that do nothing (median of NOOP_REPEATS, after a warm-up). */
async function overheadMs(executor: Executor): Promise<number> {
  const times: number[] = [];
  for (let r = 0; r <= NOOP_REPEATS; r++) {
    const tasks: TaskSpec<number>[] = [...Array(NOOPS).keys()].map((i) => ({ module: NOOP_MODULE, export: 'noop', input: r * 1000 + i }));
    const t0 = performance.now();
    await executor.map(tasks);
    if (r > 0) times.push((performance.now() - t0) / NOOPS);
  }
  return median(times);
}

/** A `hepuq worker` process of the built CLI; resolves once it is ready. */
function startWorker(redis: string, queue: string): Promise<ChildProcess> {
  const child = spawn(process.execPath, [CLI_BIN, 'worker', '--json', '--redis', redis, '--queue', queue, '--concurrency', '1'], { stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    child.stdout!.on('data', (d: Buffer) => d.toString().includes('"event":"ready"') && resolve(child));
    child.on('exit', (code) => reject(new Error(`hepuq worker exited with code ${code}`)));
  });
}

const local = (concurrency: number) => new LocalExecutor(new EventBus(), LocalExecutorOptions.parse({ concurrency, mode: 'threads', seed: 1 }));

/**
 * A 20-member deep ensemble trained one member per task (`stacked: false`): on the local executor
 * with 1 and 2 worker threads, and on the BullMQ executor with 2 local `hepuq worker` processes
 * (one task at a time each) on a redis-server started here; and each executor's overhead per task,
 * from tasks that do nothing.
 */
export async function bench(): Promise<BenchRecord[]> {
  const backend = await selectBackend();
  const rng = new Rng(1);
  const features = Object.fromEntries([...Array(INPUTS).keys()].map((j) => [`x${j}`, rng.normalArray(EVENTS)]));
  const target = Float32Array.from({ length: EVENTS }, (_, i) => features.x0[i] * features.x1[i] + rng.normal(0, 0.1));
  const data = new Dataset({ features, target });

  const one = local(1);
  const two = local(2);
  const local1 = await ensembleSeconds(data, one);
  const local2 = await ensembleSeconds(data, two);
  const localOverhead = await overheadMs(two);
  await Promise.all([one.dispose(), two.dispose()]);

  const redis = await startRedisServer();
  const store = mkdtempSync(join(tmpdir(), 'hepuq-bench-store-'));
  const queue = `bench-${process.pid}`;
  const workers = await Promise.all([startWorker(redis.url, queue), startWorker(redis.url, queue)]);
  const remote = bullmqExecutorFactory.create({ redis: redis.url, queue, store, pollInterval: 1000 }, { events: new EventBus(), seed: 1 });
  let bullmq2: number;
  let bullmqOverhead: number;
  try {
    bullmq2 = await ensembleSeconds(data, remote);
    bullmqOverhead = await overheadMs(remote);
  } finally {
    await remote.dispose();
    await Promise.all(workers.map((w) => new Promise((r) => w.once('exit', r).kill('SIGTERM'))));
    await redis.stop();
    rmSync(store, { recursive: true, force: true });
  }
  const notes = { backend: backend.name, members: MEMBERS, epochs: EPOCHS, events: EVENTS, hidden: HIDDEN.join('x') };
  return [
    {
      name: 'executors ensemble-20: local 2 workers vs 1', unit: 's', hepuq: local2, peer: local1,
      peerName: 'local executor, 1 worker thread', ratio: local1 / local2, notes,
    },
    {
      name: 'executors ensemble-20: bullmq 2 workers vs local 2', unit: 's', hepuq: bullmq2, peer: local2,
      peerName: 'local executor, 2 worker threads', ratio: local2 / bullmq2,
      notes: { ...notes, overheadPerMemberMs: Number((((bullmq2 - local2) * 1000) / MEMBERS).toFixed(1)) },
    },
    {
      name: 'executors overhead per task: bullmq vs local', unit: 'ms', hepuq: bullmqOverhead, peer: localOverhead,
      peerName: 'local executor, 2 worker threads', ratio: localOverhead / bullmqOverhead, notes: { tasks: NOOPS, workers: 2 },
    },
  ];
}
