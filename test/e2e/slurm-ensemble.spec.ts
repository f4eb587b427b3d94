import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startRedisServer, type RedisServer } from '@hepuq/executor-bullmq';
import { startSlurmCluster, type SlurmCluster } from '@hepuq/executor-slurm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertBuilt, startCli, waitFor } from './cli-process.js';

// Issue 15: a 4-member bootstrap ensemble trained member by member (`stacked: false`) through
// `sbatch --array` on a private one-node Slurm cluster (slurmctld, slurmd and munged started for
// this file). The setup snippet makes array element 2 exit before its first attempt runs, as a
// node failure would: the executor sees it leave the queue without a result, resubmits it as a
// new array, and the run ends with the local executor's model and predictions, bit for bit. The
// same config on the BullMQ executor (a real redis-server and one `hepuq worker`) gives them too:
// one seed, the same numbers from all three executors.
const home = mkdtempSync(join(tmpdir(), 'hepuq-slurm-ensemble-'));
const store = join(home, 'store');
let cluster: SlurmCluster;
let redis: RedisServer | undefined;
let localDigests: Record<string, string> | undefined;

const config = (name: string, executor: object) => ({
  name, seed: 4, data: { train: { toy: 'heteroscedastic-1d', n: 1000 } }, report: false,
  method: { use: 'bootstrap-ensemble', options: { members: 4, hidden: [16, 16], epochs: 15, stacked: false } },
  executor,
});

interface LogEntry {
  type?: string;
  payload?: { index?: number; attempt?: number; message?: string };
}

/** Run `hepuq --json run` on `cfg` (exit status 0 expected); resolves with the run directory and the JSON lines. */
async function run(cfg: ReturnType<typeof config>): Promise<{ dir: string; lines: LogEntry[] }> {
  const file = join(home, `${cfg.name}.json`);
  await writeFile(file, JSON.stringify(cfg));
  const p = startCli(['--json', '--out', join(home, 'runs'), 'run', file], home);
  const { code } = await p.exited;
  expect(code, p.stderr().slice(-3000)).toBe(0);
  return { dir: join(home, 'runs', cfg.name), lines: p.lines.filter((l) => l.startsWith('{')).map((l) => JSON.parse(l) as LogEntry) };
}

/** The files of a run that hold results: the model, the predictions and the metrics. */
function resultDigests(dir: string): Record<string, string> {
  const files = ['metrics.json', 'predictions.csv', ...readdirSync(join(dir, 'model')).filter((f) => !f.startsWith('.')).map((f) => `model/${f}`)];
  return Object.fromEntries(files.map((f) => [f, createHash('sha256').update(readFileSync(join(dir, f))).digest('hex')]));
}

beforeAll(async () => {
  assertBuilt();
  cluster = await startSlurmCluster();
  // `hepuq run` (and through sbatch every array element) reaches this cluster
  Object.assign(process.env, cluster.env);
});

afterAll(async () => {
  await cluster?.stop();
  await redis?.stop();
  await rm(home, { recursive: true, force: true });
});

describe('bootstrap-ensemble (stacked: false) on the Slurm executor', () => {
  it('resubmits an array element that failed and gives the local executor\'s results bit for bit', { timeout: 300_000 }, async () => {
    const local = await run(config('local', { use: 'local', options: { concurrency: 2 } }));
    localDigests = resultDigests(local.dir);
    const marker = join(store, 'failed-once');
    const slurm = await run(config('slurm', {
      use: 'slurm',
      options: {
        store, partition: cluster.partition, cpus: 1, mem: '800M', time: '10:00', pollInterval: 300, gracePeriod: 1500,
        setup: [`if [ "$SLURM_ARRAY_TASK_ID" = 2 ] && [ ! -e '${marker}' ]; then touch '${marker}'; echo 'element 2 fails its first attempt' >&2; exit 1; fi`],
      },
    }));
    expect(existsSync(marker), 'element 2 failed once').toBe(true);
    const retries = slurm.lines.filter((e) => e.type === 'executor:task-retry');
    expect(retries.map((e) => [e.payload?.index, e.payload?.attempt])).toEqual([[2, 1]]);
    expect(retries[0].payload?.message).toMatch(/element 2 of array job \d+ ended without a result[\s\S]*element 2 fails its first attempt/);
    const submissions = slurm.lines.filter((e) => e.type === 'log:info' && /submitted array job/.test(e.payload?.message ?? '')).map((e) => e.payload!.message!);
    expect(submissions).toEqual([expect.stringContaining('(4 of 4 tasks, attempt 1)'), expect.stringContaining('(1 of 4 tasks, attempt 2)')]);
    expect(slurm.lines.filter((e) => e.type === 'executor:task-done').length).toBe(4);
    expect(resultDigests(slurm.dir)).toEqual(localDigests);
  });

  it('gives the same results, bit for bit, on the BullMQ executor', { timeout: 240_000 }, async () => {
    expect(localDigests, 'the local run of the test above').toBeDefined();
    redis = await startRedisServer();
    const worker = startCli(['worker', '--json', '--redis', redis.url, '--queue', 'slurm-e2e', '--concurrency', '2'], home);
    try {
      await waitFor(() => worker.lines.some((l) => l.includes('"ready"')), 60_000, `the worker ready (${worker.stderr()})`);
      const bullmq = await run(config('bullmq', { use: 'bullmq', options: { redis: redis.url, queue: 'slurm-e2e', store: join(home, 'bullmq-store') } }));
      expect(resultDigests(bullmq.dir)).toEqual(localDigests);
    } finally {
      worker.child.kill('SIGTERM');
      await worker.exited;
    }
  });
});
