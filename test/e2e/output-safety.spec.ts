import { mkdtempSync } from 'node:fs';
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '@hepuq/cli';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { changedEntries, treeHashes } from './tree-hash.js';

// A scratch "home": runs/ holds an earlier run, a user file and a user directory; beside runs/ sit
// the user's own files. Every hostile run name must leave all of it byte for byte as it was.
const home = mkdtempSync(join(tmpdir(), 'hepuq-safety-'));
const runs = join(home, 'runs');

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, io: { out: (l: string) => out.push(l), err: (l: string) => err.push(l), tty: false } };
}

const config = (name: string) => ({
  name,
  seed: 1,
  data: { train: { toy: 'heteroscedastic-1d', n: 400 } },
  method: { use: 'het-mlp', options: { hidden: [8], epochs: 2 } },
  report: false,
});

async function run(name: string, ...flags: string[]) {
  const path = join(home, `config-${Math.random().toString(36).slice(2)}.json`);
  await writeFile(path, JSON.stringify(config(name)));
  const c = capture();
  const code = await main(['run', path, '--out', runs, ...flags], c.io);
  await rm(path);
  return { code, ...c };
}

beforeAll(async () => {
  await writeFile(join(home, 'thesis.tex'), 'precious');
  await mkdir(join(home, 'data'));
  await writeFile(join(home, 'data', 'events.csv'), 'x,y\n1,2\n');
  expect((await run('keep')).code).toBe(0);
  await writeFile(join(runs, 'notes.txt'), 'a file among the runs');
  await mkdir(join(runs, 'mine'));
  await writeFile(join(runs, 'mine', 'plot.py'), 'user code');
});
afterAll(async () => rm(home, { recursive: true, force: true }));

describe('hepuq run never destroys data', () => {
  const hostile = ['.', '..', 'a/b', '../escape', join(home, 'abs'), '', '.hidden', 'notes.txt', 'mine'];
  for (const name of hostile) {
    for (const flags of [[], ['--overwrite']]) {
      it(`name ${JSON.stringify(name)} ${flags.join(' ') || '(no flags)'}: exit 2 with a catalog error, nothing changed`, async () => {
        const before = await treeHashes(home);
        const r = await run(name, ...flags);
        expect(r.code).toBe(2);
        expect(r.err.join('\n')).toMatch(/^\[hepuq:(InvalidConfig|OutputExists)\]/);
        expect(r.err.join('\n')).not.toMatch(/\n\s+at /); // no stack trace
        // config files are created and removed by run(): compare everything else
        expect(changedEntries(before, await treeHashes(home))).toEqual([]);
      });
    }
  }

  it('keeps an earlier run unless --overwrite; with it, only that run changes, replaced whole', async () => {
    const before = await treeHashes(home);
    const kept = await run('keep');
    expect(kept.code).toBe(2);
    expect(kept.err.join('\n')).toMatch(/^\[hepuq:OutputExists\].*it is kept/);
    expect(changedEntries(before, await treeHashes(home))).toEqual([]);
    const firstStart = JSON.parse(await readFile(join(runs, 'keep', 'config.resolved.json'), 'utf8')).startedAt;
    const replaced = await run('keep', '--overwrite');
    expect(replaced.code, replaced.err.join('\n')).toBe(0);
    const changed = changedEntries(before, await treeHashes(home));
    expect(changed.length).toBeGreaterThan(0);
    expect(changed.every((p) => p.startsWith(join('runs', 'keep')))).toBe(true);
    expect(JSON.parse(await readFile(join(runs, 'keep', 'config.resolved.json'), 'utf8')).startedAt).not.toBe(firstStart);
    expect((await readdir(runs)).sort()).toEqual(['keep', 'mine', 'notes.txt']);
  });

  it('fails before training with a catalog error when --out is a file or lies under one', async () => {
    for (const out of [join(runs, 'notes.txt'), join(runs, 'notes.txt', 'sub')]) {
      const before = await treeHashes(home);
      const path = join(home, 'cfg.json');
      await writeFile(path, JSON.stringify(config('x')));
      const c = capture();
      const code = await main(['run', path, '--out', out, '--json'], c.io);
      await rm(path);
      expect(code).toBe(2);
      const error = JSON.parse(c.err.at(-1)!).error;
      expect(error.code).toBe('OutputWriteFailed');
      expect(error.message).toContain('is a file');
      expect(c.out.some((l) => l.includes('fit:epoch'))).toBe(false); // nothing was trained
      expect(changedEntries(before, await treeHashes(home))).toEqual([]);
    }
  });

  it('--resume with nothing to resume starts from the beginning, so one command line serves start and restarts', async () => {
    const r = await run('fresh', '--resume', '--checkpoint-every', '1');
    expect(r.code, r.err.join('\n')).toBe(0);
    expect(r.err.join('\n')).toContain('no checkpoint');
    expect((await readdir(runs)).filter((n) => n.includes('fresh'))).toEqual(['fresh']); // checkpoints gone once the run is in place
  });

  it('lets one of two simultaneous runs of the same name win; the other fails cleanly', async () => {
    const [a, b] = await Promise.all([run('twin'), run('twin')]);
    expect([a.code, b.code].sort()).toEqual([0, 2]);
    const loser = a.code === 2 ? a : b;
    expect(loser.err.join('\n')).toMatch(/^\[hepuq:OutputLocked\]/);
    expect((await readdir(join(runs, 'twin'))).sort()).toEqual(['.hepuq', 'config.resolved.json', 'metrics.json', 'model', 'predictions.csv']);
    expect((await readdir(runs)).filter((n) => n.startsWith('.'))).toEqual([]);
  });
});
