import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startRedisServer, type RedisServer } from '@hepuq/executor-bullmq';
import { Queue } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertBuilt, startCli, waitFor, type CliProcess } from './cli-process.js';

// Issue 15: an ensemble trained member by member (`stacked: false`) on the BullMQ executor, by two
// `hepuq worker` processes on a real redis-server; one worker is killed (SIGKILL) in the middle of
// a task. Its task is taken over by the other once its lock expires, and the run ends with the
// same model and predictions, bit for bit, as the same config on the local executor.
const home = mkdtempSync(join(tmpdir(), 'hepuq-bullmq-ensemble-'));
const QUEUE = 'ensemble';
let redis: RedisServer;
const workers: CliProcess[] = [];

const config = (name: string, executor: object, members = 6) => ({
  name, seed: 3, data: { train: { toy: 'heteroscedastic-1d', n: 2000 } }, report: false,
  method: { use: 'deep-ensemble', options: { members, hidden: [16, 16], epochs: 30, stacked: false } },
  executor,
});

interface LogEntry {
  event?: string;
  type?: string;
  jobId?: string;
  payload?: { index?: number; message?: string };
}
const entries = (p: CliProcess): LogEntry[] => p.lines.filter((l) => l.startsWith('{')).map((l) => JSON.parse(l) as LogEntry);

/** Run `hepuq --json run` on `cfg`; resolves with the run directory and the JSON lines once it exited 0. */
async function run(cfg: ReturnType<typeof config>, during?: (p: CliProcess) => Promise<void>, exitCode = 0): Promise<{ dir: string; lines: LogEntry[]; stderr: string }> {
  const file = join(home, `${cfg.name}.json`);
  await writeFile(file, JSON.stringify(cfg));
  const p = startCli(['--json', '--out', join(home, 'runs'), 'run', file], home);
  await during?.(p);
  const { code } = await p.exited;
  expect(code, p.stderr().slice(-3000)).toBe(exitCode);
  return { dir: join(home, 'runs', cfg.name), lines: entries(p), stderr: p.stderr() };
}

/** The files of a run that hold results: the model, the predictions and the metrics (not the time stamps of config.resolved.json and the owner markers). */
function resultDigests(dir: string): Record<string, string> {
  const files = ['metrics.json', 'predictions.csv', ...readdirSync(join(dir, 'model')).filter((f) => !f.startsWith('.')).map((f) => `model/${f}`)];
  return Object.fromEntries(files.map((f) => [f, createHash('sha256').update(readFileSync(join(dir, f))).digest('hex')]));
}

beforeAll(async () => {
  assertBuilt();
  redis = await startRedisServer();
  // short locks, frequent stall checks: a killed worker's task is taken over within a few seconds
  for (let i = 0; i < 2; i++) {
    workers.push(startCli(['worker', '--json', '--redis', redis.url, '--queue', QUEUE, '--concurrency', '1', '--lock-duration', '1500', '--stalled-interval', '500', '--name', `w${i}`], home));
  }
  await waitFor(() => workers.every((w) => entries(w).some((e) => e.event === 'ready')), 60_000, `both workers ready (${workers.map((w) => w.stderr()).join(' | ')})`);
});

afterAll(async () => {
  for (const w of workers) if (w.child.exitCode === null && w.child.signalCode === null) w.child.kill('SIGTERM');
  await Promise.all(workers.map((w) => w.exited));
  await redis?.stop();
  await rm(home, { recursive: true, force: true });
});

describe('deep-ensemble (stacked: false) on the BullMQ executor with two worker processes', () => {
  it('survives a worker killed mid-task and gives the local executor\'s results bit for bit', { timeout: 180_000 }, async () => {
    const local = await run(config('local', { use: 'local', options: { concurrency: 2 } }));
    let killedJob: string | undefined;
    const remote = await run(config('bullmq', { use: 'bullmq', options: { redis: redis.url, queue: QUEUE, store: join(home, 'store') } }), async () => {
      // kill worker 0 inside its second task: its thread is warm, so the task is training
      const starts = () => entries(workers[0]).filter((e) => e.event === 'task-start');
      await waitFor(() => starts().length >= 2, 60_000, `worker 0 starting a second task (${workers[0].stderr()})`);
      killedJob = starts()[1].jobId;
      await new Promise((r) => setTimeout(r, 200));
      workers[0].child.kill('SIGKILL');
    });
    expect((await workers[0].exited).signal).toBe('SIGKILL');
    expect(entries(workers[0]).filter((e) => e.jobId === killedJob && e.event === 'task-done'), 'the killed worker never finished its task').toEqual([]);
    expect(entries(workers[1]).filter((e) => e.event === 'task-start' && e.jobId === killedJob).length, 'the other worker took the task over').toBe(1);
    expect(entries(workers[1]).some((e) => e.event === 'task-done' && e.jobId === killedJob)).toBe(true);
    // the submitting CLI was told (the progress event the local executor emits for a retry)
    const retries = remote.lines.filter((e) => e.type === 'executor:task-retry');
    expect(retries.some((e) => /stalled/.test(e.payload?.message ?? ''))).toBe(true);
    expect(remote.lines.filter((e) => e.type === 'executor:task-done').length).toBe(local.lines.filter((e) => e.type === 'executor:task-done').length);
    expect(resultDigests(remote.dir)).toEqual(resultDigests(local.dir));
  });

  it('stops on Ctrl-C (SIGINT) and withdraws the run\'s waiting tasks from the queue', { timeout: 120_000 }, async () => {
    const queue = new Queue(QUEUE, { connection: { url: redis.url } });
    try {
      const stopped = await run(config('stopped', { use: 'bullmq', options: { redis: redis.url, queue: QUEUE, store: join(home, 'store') } }, 8), async (p) => {
        await waitFor(() => entries(p).some((e) => e.type === 'executor:task-start'), 60_000, 'the run starting a task');
        p.child.kill('SIGINT');
      }, 130);
      const error = (JSON.parse(stopped.stderr.trim().split('\n').pop()!) as { error: { code: string; message: string } }).error;
      expect(error.code).toBe('Interrupted');
      expect(error.message).toMatch(/[1-9] waiting tasks withdrawn from queue "ensemble"/);
      const counts = await queue.getJobCounts('waiting', 'delayed', 'prioritized');
      expect(counts.waiting + counts.delayed + counts.prioritized).toBe(0);
    } finally {
      await queue.close();
    }
  });

  it('lets a worker stop cleanly on SIGTERM (exit status 0)', async () => {
    const w = workers[1];
    w.child.kill('SIGTERM');
    const { code, signal } = await w.exited;
    expect({ code, signal }, w.stderr()).toEqual({ code: 0, signal: null });
    expect(entries(w).filter((e) => e.event === 'error')).toEqual([]);
  });
});
