import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describeExecutorConformance } from '@hepuq/testing';
import { afterAll, beforeAll } from 'vitest';
import { bullmqExecutorFactory } from './bullmq-executor.factory.js';
import { startRedisServer } from './redis-server.js';
import { assertCliBuilt, startWorkerProcess, waitFor, workerLog, type WorkerProcess } from './spec-helpers.js';

// The executor conformance suite against a real redis-server and two `hepuq worker` processes
// (the built CLI), each running two tasks at once on its worker threads.
const redis = await startRedisServer();
const store = mkdtempSync(join(tmpdir(), 'hepuq-bullmq-store-'));
const queue = 'conformance';
let workers: WorkerProcess[] = [];

beforeAll(async () => {
  assertCliBuilt();
  workers = [0, 1].map(() => startWorkerProcess(['--redis', redis.url, '--queue', queue, '--concurrency', '2']));
  await waitFor(() => workers.every((w) => workerLog(w).some((e) => e.event === 'ready')), 60_000, `both workers ready (stderr: ${workers.map((w) => w.stderr()).join(' | ')})`);
});

afterAll(async () => {
  await Promise.all(workers.map((w) => w.stop()));
  await redis.stop();
  rmSync(store, { recursive: true, force: true });
});

describeExecutorConformance({
  factory: bullmqExecutorFactory,
  options: { redis: redis.url, queue, store, backoff: { type: 'fixed', delay: 0 }, pollInterval: 500 },
  label: '(2 worker processes)',
});
