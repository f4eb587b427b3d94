import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EventBus, valueBytes, type HepuqEvent, type TaskSpec } from '@hepuq/core';
import { caught, expectCatalogError } from '@hepuq/testing';
import { afterAll, describe, expect, it } from 'vitest';
import { runDirFiles } from './run-dir.js';
import { slurmExecutorFactory } from './slurm-executor.factory.js';

// The executor's bookkeeping against fake Slurm commands (shell scripts that log their arguments):
// the test plays the array's elements by writing their result and error files. The real thing,
// on a real one-node cluster, is in the conformance spec and test/e2e/slurm-ensemble.spec.ts.
const home = mkdtempSync(join(tmpdir(), 'hepuq-slurm-fake-'));
afterAll(() => rmSync(home, { recursive: true, force: true }));

let n = 0;
/** A fresh directory of fake sbatch/squeue/scancel; `sbatch` prints job ids 100, 101, ... unless told to fail. */
function fakeBin(queue = '', sbatchFails?: string) {
  const bin = join(home, `bin-${n++}`);
  mkdirSync(bin);
  const tool = (name: string, body: string) => {
    writeFileSync(join(bin, name), `#!/bin/bash\necho "$@" >> ${bin}/${name}.log\n${body}\n`);
    chmodSync(join(bin, name), 0o755);
  };
  tool('sbatch', sbatchFails ? `echo ${JSON.stringify(sbatchFails)} >&2; exit 1` : `id=$(( $(cat ${bin}/id 2>/dev/null || echo 99) + 1 )); echo $id > ${bin}/id; echo "$id;fake"`);
  tool('squeue', `cat ${bin}/squeue.out 2>/dev/null; true`);
  tool('scancel', 'true');
  writeFileSync(join(bin, 'squeue.out'), queue);
  const calls = (name: string) => (existsSync(join(bin, `${name}.log`)) ? readFileSync(join(bin, `${name}.log`), 'utf8').trim().split('\n') : []);
  return { bin, calls, setQueue: (text: string) => writeFileSync(join(bin, 'squeue.out'), text) };
}

const task = (input: number): TaskSpec<number> => ({ module: 'file:///nowhere/tasks.js', export: 'train', input });
const executor = (options: Record<string, unknown>, events = new EventBus()) =>
  slurmExecutorFactory.create({ cli: '/opt/hepuq/bin/hepuq.js', node: '/usr/bin/node', pollInterval: 20, gracePeriod: 100, ...options }, { events, seed: 3 });

/** The run directory the executor created in `store` (there is one per map). */
async function runDir(store: string): Promise<string> {
  const ids = () => (existsSync(join(store, 'slurm')) ? readdirSync(join(store, 'slurm')) : []);
  await until(() => ids().length > 0, `a run directory in ${store}`);
  const [id] = ids();
  return join(store, 'slurm', id);
}

/** Wait until `ok()` holds; a check that throws (a file not written yet) counts as not yet. */
async function until(ok: () => boolean, what: string): Promise<void> {
  const holds = () => {
    try {
      return ok();
    } catch {
      return false;
    }
  };
  for (const t0 = Date.now(); !holds(); ) {
    if (Date.now() - t0 > 30_000) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

function collect(events: EventBus): HepuqEvent[] {
  const seen: HepuqEvent[] = [];
  events.events$.subscribe((e) => seen.push(e));
  return seen;
}

describe('SlurmExecutor bookkeeping', () => {
  it('writes the script and the inputs on a dry run, shows the script and submits nothing', async () => {
    const fake = fakeBin();
    const store = join(home, 'dry');
    const events = new EventBus();
    const seen = collect(events);
    const err = await caught(() => executor({ store, bin: fake.bin, dryRun: true, partition: 'short' }, events).map([task(1), task(2)]));
    expectCatalogError(err, 'a dry run', { code: 'Interrupted', mentions: ['dry run', 'job.sbatch'] });
    const dir = await runDir(store);
    expect(readdirSync(dir).sort()).toEqual(['input-0.v8', 'input-1.v8', 'job.sbatch', 'logs', 'run.json']);
    const script = readFileSync(join(dir, 'job.sbatch'), 'utf8');
    expect(script).toContain('#SBATCH --partition=short');
    expect(seen.some((e) => e.type === 'log:info' && e.payload.message.includes(script))).toBe(true);
    expect(fake.calls('sbatch')).toEqual([]);
  });

  it('resubmits the failed tasks as a new array with the next attempt, and collects results in order', async () => {
    const fake = fakeBin('100 0-2 PENDING\n');
    const store = join(home, 'retry');
    const events = new EventBus();
    const seen = collect(events);
    const running = executor({ store, bin: fake.bin, maxParallel: 2 }, events).map<number, string>([task(0), task(1), task(2)], { retries: 2 });
    const dir = await runDir(store);
    await until(() => readFileSync(join(dir, runDirFiles.attempt(2)), 'utf8').includes('job'), 'the first submission');
    expect(fake.calls('sbatch')[0]).toBe(`--parsable --array=0-2%2 ${join(dir, 'job.sbatch')}`);
    expect(JSON.parse(readFileSync(join(dir, runDirFiles.attempt(1)), 'utf8'))).toEqual({ attempt: 1, job: '100' });
    fake.setQueue('100 0-2 PENDING\n101 1 PENDING\n');
    writeFileSync(join(dir, runDirFiles.result(2)), valueBytes('two'));
    writeFileSync(join(dir, runDirFiles.error(1)), JSON.stringify({ attempt: 1, message: 'out of luck' }));
    await until(() => readFileSync(join(dir, runDirFiles.attempt(1)), 'utf8').includes('101'), 'the resubmission');
    expect(fake.calls('sbatch')[1]).toBe(`--parsable --array=1%2 ${join(dir, 'job.sbatch')}`);
    expect(JSON.parse(readFileSync(join(dir, runDirFiles.attempt(1)), 'utf8'))).toEqual({ attempt: 2, job: '101' });
    expect(existsSync(join(dir, runDirFiles.error(1))), 'the old error file is gone').toBe(false);
    fake.setQueue('100 0 RUNNING\n101 1 RUNNING\n');
    writeFileSync(join(dir, runDirFiles.result(0)), valueBytes('zero'));
    writeFileSync(join(dir, runDirFiles.result(1)), valueBytes('one'));
    expect(await running).toEqual(['zero', 'one', 'two']);
    const of = (type: string) => seen.filter((e) => e.type === type).map((e) => e.payload as Record<string, unknown>);
    expect(of('executor:task-retry')).toEqual([{ index: 1, total: 3, attempt: 1, message: 'out of luck' }]);
    expect(of('executor:task-done').map((p) => p.done)).toEqual([1, 2, 3]);
    expect(of('executor:task-start').map((p) => `${p.index}:${p.attempt}`).sort()).toEqual(['0:1', '1:1', '1:2', '2:1']);
  });

  it('counts a task Slurm no longer lists and that left no file as failed, with the end of its stderr, and cancels what waits', async () => {
    const fake = fakeBin('100 0-2 PENDING\n');
    const store = join(home, 'vanished');
    const running = caught(() => executor({ store, bin: fake.bin }).map([task(0), task(1), task(2)], { retries: 0 }));
    const dir = await runDir(store);
    await until(() => fake.calls('sbatch').length === 1, 'the submission');
    writeFileSync(join(dir, runDirFiles.logs, runDirFiles.log(1, '100', 'err')), 'loading...\nslurmstepd: error: *** JOB 101 ON node7 CANCELLED AT 2026-12-04T00:00:00 DUE TO TIME LIMIT ***\n');
    fake.setQueue('100 0 RUNNING\n100 2 PENDING\n');
    const err = await running;
    expectCatalogError(err, 'a task killed by Slurm', { code: 'TaskFailed', mentions: ['task 1 (train) failed after 1 attempts', 'element 1 of array job 100 ended without a result', 'DUE TO TIME LIMIT'] });
    expect(fake.calls('scancel')).toEqual(['--state=PENDING 100']);
  });

  it('fails at once, without retries, with the code of a failure outside the task', async () => {
    const fake = fakeBin('100 0 RUNNING\n');
    const store = join(home, 'versions');
    const running = caught(() => executor({ store, bin: fake.bin }).map([task(0)], { retries: 3 }));
    const dir = await runDir(store);
    await until(() => fake.calls('sbatch').length === 1, 'the submission');
    fake.setQueue('100 0 RUNNING\n');
    writeFileSync(join(dir, runDirFiles.error(0)), JSON.stringify({ attempt: 1, message: 'node n1 cannot run run x: @hepuq/core 0.2.0 here, 0.1.0 on the submitting machine', code: 'VersionMismatch' }));
    expectCatalogError(await running, 'a node with other versions', { code: 'VersionMismatch', mentions: ['task 0', '@hepuq/core 0.2.0 here'] });
    expect(fake.calls('sbatch').length).toBe(1);
  });

  it('cancels the run\'s jobs and throws Interrupted when the signal aborts', async () => {
    const fake = fakeBin('100 0-1 PENDING\n');
    const store = join(home, 'abort');
    const stop = new AbortController();
    const running = caught(() => executor({ store, bin: fake.bin }).map([task(0), task(1)], { signal: stop.signal }));
    await until(() => fake.calls('sbatch').length === 1, 'the submission');
    fake.setQueue('100 0-1 PENDING\n');
    stop.abort();
    expectCatalogError(await running, 'a stopped map', { code: 'Interrupted', mentions: ['2 of 2 tasks unfinished', 'array job 100 cancelled'] });
    expect(fake.calls('scancel')).toEqual(['100']);
  });

  it('reuses the results of the same run submitted again and follows its tasks still queued', async () => {
    const fake = fakeBin('100 0-2 PENDING\n');
    const store = join(home, 'reuse');
    const tasks = [task(0), task(1), task(2)];
    const first = caught(() => executor({ store, bin: fake.bin }).map(tasks, { retries: 0 }));
    const dir = await runDir(store);
    await until(() => fake.calls('sbatch').length === 1, 'the submission');
    writeFileSync(join(dir, runDirFiles.result(0)), valueBytes('zero'));
    writeFileSync(join(dir, runDirFiles.error(2)), JSON.stringify({ attempt: 1, message: 'broken' }));
    fake.setQueue('100 1 PENDING\n');
    expectCatalogError(await first, 'the first submission', { code: 'TaskFailed', mentions: ['task 2'] });
    // submitted again: task 0 is done, task 1 still queued in job 100, task 2 runs afresh
    const again = executor({ store, bin: fake.bin }).map<number, string>(tasks, { retries: 0 });
    await until(() => fake.calls('sbatch').length === 2, 'the second submission');
    expect(fake.calls('sbatch')[1]).toMatch(/--array=2 /);
    writeFileSync(join(dir, runDirFiles.result(1)), valueBytes('one'));
    writeFileSync(join(dir, runDirFiles.result(2)), valueBytes('two'));
    expect(await again).toEqual(['zero', 'one', 'two']);
  });

  it('names sbatch when it is missing, and gives sbatch\'s words when the cluster refuses the job', async () => {
    const missing = await caught(() => executor({ store: join(home, 'missing'), bin: join(home, 'no-such-bin') }).map([task(0)]));
    expectCatalogError(missing, 'no sbatch', { code: 'ExecutorUnreachable', mentions: [join(home, 'no-such-bin', 'sbatch'), 'not found'] });
    const refusing = fakeBin('', 'sbatch: error: invalid partition specified: nope');
    const refused = await caught(() => executor({ store: join(home, 'refused'), bin: refusing.bin, partition: 'nope' }).map([task(0)]));
    expectCatalogError(refused, 'a refused job', { code: 'InvalidConfig', mentions: ['invalid partition specified: nope'] });
  });
});
