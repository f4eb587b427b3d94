import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Rng } from '@hepuq/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertBuilt, BIN, startCli, waitFor } from './cli-process.js';

const home = mkdtempSync(join(tmpdir(), 'hepuq-interrupts-'));
beforeAll(assertBuilt);
afterAll(async () => rm(home, { recursive: true, force: true }));

async function writeConfig(file: string, config: object): Promise<string> {
  const path = join(home, file);
  await writeFile(path, JSON.stringify(config));
  return path;
}

/** A run directory is whole: marked by hepuq, every file present and readable. */
async function assertWholeRun(dir: string): Promise<void> {
  const files = (await readdir(dir)).sort();
  expect(files).toEqual(['.hepuq', 'config.resolved.json', 'metrics.json', 'model', 'plots', 'predictions.csv', 'report.html']);
  expect(JSON.parse(await readFile(join(dir, '.hepuq'), 'utf8')).kind).toBe('run');
  expect(Object.keys(JSON.parse(await readFile(join(dir, 'metrics.json'), 'utf8')))).toContain('pull_std');
  expect(JSON.parse(await readFile(join(dir, 'config.resolved.json'), 'utf8')).finishedAt).toBeTruthy();
  const rows = (await readFile(join(dir, 'predictions.csv'), 'utf8')).trim().split('\n');
  expect(rows.length).toBe(1 + 900);
  expect(JSON.parse(await readFile(join(dir, 'model', 'model.json'), 'utf8')).method).toBe('het-mlp');
  expect((await stat(join(dir, 'model', 'weights.bin'))).size).toBeGreaterThan(0);
  expect((await readFile(join(dir, 'report.html'), 'utf8')).trimEnd().endsWith('</html>')).toBe(true);
}

describe('SIGKILL at random moments never leaves a partial run', () => {
  it('keeps the out directory to whole runs (old or new) over 20 kills, and the next run sweeps every leftover', async () => {
    const runs = join(home, 'kill-runs');
    const config = await writeConfig('kill.json', {
      name: 'r', seed: 1, data: { train: { toy: 'heteroscedastic-1d', n: 3000 } },
      method: { use: 'het-mlp', options: { hidden: [16, 16], epochs: 8 } },
    });
    const args = ['run', config, '--out', runs, '--overwrite'];
    const t0 = Date.now();
    const first = startCli(args, home);
    expect((await first.exited).code, first.stderr()).toBe(0);
    const duration = Date.now() - t0;
    await assertWholeRun(join(runs, 'r'));

    // kill moments spread over the whole run, start-up and atomic swap included (seeded, reproducible)
    const rng = new Rng(2024);
    const outcome = { killed: 0, finished: 0, leftovers: 0 };
    for (let trial = 0; trial < 20; trial++) {
      const p = startCli(args, home);
      await new Promise((r) => setTimeout(r, (0.05 + 0.9 * rng.uniform()) * duration));
      p.child.kill('SIGKILL');
      const { signal } = await p.exited;
      outcome[signal === 'SIGKILL' ? 'killed' : 'finished']++;
      const entries = await readdir(runs);
      const hidden = entries.filter((n) => n.startsWith('.'));
      outcome.leftovers += hidden.length;
      // hidden entries are only hepuq's own temp names and the lock: never a visible partial run
      for (const n of hidden) expect(n).toMatch(/^\.r\.((tmp|old)-\d+-[0-9a-f]{8}|lock)$/);
      expect(entries.filter((n) => !n.startsWith('.')).every((n) => n === 'r')).toBe(true);
      if (entries.includes('r')) await assertWholeRun(join(runs, 'r'));
      // killed between the two renames of the swap: the old run waits aside, whole, for the next run
      else await assertWholeRun(join(runs, hidden.find((n) => n.includes('.old-'))!));
    }
    expect(outcome.killed).toBeGreaterThanOrEqual(10);

    const last = startCli(args, home);
    expect((await last.exited).code, last.stderr()).toBe(0);
    expect(await readdir(runs)).toEqual(['r']);
    await assertWholeRun(join(runs, 'r'));
    console.log(`SIGKILL trials: ${outcome.killed} killed, ${outcome.finished} finished first, ${outcome.leftovers} leftover entries swept`);
  }, 400_000);
});

describe('SIGINT', () => {
  it('stops cleanly, and --resume reproduces the uninterrupted run exactly', async () => {
    const config = await writeConfig('sigint.json', {
      name: 'si', seed: 3, data: { train: { toy: 'heteroscedastic-1d', n: 20000 } },
      method: { use: 'het-mlp', options: { hidden: [32, 32], epochs: 30 } }, report: false,
    });
    const interrupted = join(home, 'sigint-a');
    const epochs = (lines: string[]) => lines.filter((l) => l.startsWith('{"type":"fit:epoch"')).length;

    const p = startCli(['run', config, '--out', interrupted, '--checkpoint-every', '2', '--json'], home);
    await waitFor(() => epochs(p.lines) >= 5, 120_000, 'five training epochs');
    p.child.kill('SIGINT');
    const { code } = await p.exited;
    expect(code).toBe(130);
    const error = JSON.parse(p.stderr().trim().split('\n').at(-1)!).error;
    expect(error.code).toBe('Interrupted');
    expect(error.message).toMatch(/het-mlp: training stopped during epoch \d+\/30; its checkpoint after epoch \d+ is kept \(SIGINT\)/);
    expect(p.stderr()).not.toMatch(/\n\s+at /);
    // no run directory, no temp files, no lock: only the checkpoints to resume from
    expect(await readdir(interrupted)).toEqual(['.si.checkpoint']);
    const done = epochs(p.lines);
    expect(done).toBeLessThan(30);

    const resumed = startCli(['run', config, '--out', interrupted, '--resume', '--json'], home);
    expect((await resumed.exited).code, resumed.stderr()).toBe(0);
    const start = JSON.parse(resumed.lines.find((l) => l.startsWith('{"type":"fit:start"'))!).payload;
    expect(start.resumedAt).toBeGreaterThanOrEqual(4);
    expect(epochs(resumed.lines)).toBe(30 - start.resumedAt);
    expect(await readdir(interrupted)).toEqual(['si']);

    const straight = join(home, 'sigint-b');
    const full = startCli(['run', config, '--out', straight, '--json'], home);
    expect((await full.exited).code, full.stderr()).toBe(0);
    for (const file of ['metrics.json', 'predictions.csv', join('model', 'weights.bin')]) {
      const [a, b] = await Promise.all([readFile(join(interrupted, 'si', file)), readFile(join(straight, 'si', file))]);
      expect(a.equals(b), `${file} of the resumed run equals the uninterrupted one`).toBe(true);
    }
  });

  it('--resume refuses a checkpoint written by another config', async () => {
    const base = { seed: 3, data: { train: { toy: 'heteroscedastic-1d', n: 20000 } }, report: false };
    const out = join(home, 'sigint-c');
    const a = await writeConfig('c1.json', { name: 'c', ...base, method: { use: 'het-mlp', options: { hidden: [32, 32], epochs: 30 } } });
    const p = startCli(['run', a, '--out', out, '--checkpoint-every', '1', '--json'], home);
    await waitFor(() => p.lines.some((l) => l.startsWith('{"type":"fit:checkpoint"')), 120_000, 'a checkpoint');
    p.child.kill('SIGTERM');
    expect((await p.exited).code).toBe(143);
    const b = await writeConfig('c2.json', { name: 'c', ...base, method: { use: 'het-mlp', options: { hidden: [32, 32], epochs: 31 } } });
    const q = startCli(['run', b, '--out', out, '--resume'], home);
    expect((await q.exited).code).toBe(2);
    expect(q.stderr()).toMatch(/^\[hepuq:CheckpointMismatch\]/);
  });
});

describe('a closed stdout pipe', () => {
  it('`hepuq plugins | true` (a reader that has gone) ends quietly with status 0: EPIPE is no error of hepuq', async () => {
    // `true` exits before node has started, so hepuq's first write meets a closed pipe
    const r = spawnSync('bash', ['-c', `node ${JSON.stringify(BIN)} plugins | true; exit \${PIPESTATUS[0]}`], { encoding: 'utf8' });
    expect(r.stderr).not.toMatch(/EPIPE|Error/);
    expect(r.status).toBe(0);
  });
});
