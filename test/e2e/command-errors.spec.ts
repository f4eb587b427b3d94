import { mkdtempSync } from 'node:fs';
import { rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { main } from '@hepuq/cli';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { changedEntries, treeHashes } from './tree-hash.js';

// Every command's bad-input and unwritable-output paths: a catalog error on stderr (one JSON line
// under --json), exit code 2, no stack trace, and nothing written.
const dir = mkdtempSync(join(tmpdir(), 'hepuq-errors-'));
const ws = resolve('packages/inference/src/fixtures/1bin_normsys.json');
const file = join(dir, 'a-file');
const underFile = join(file, 'report');

beforeAll(async () => {
  await writeFile(file, 'not a directory');
  const rows = ['x,mean,sigma_tot,truth', ...Array.from({ length: 50 }, (_, i) => `${i},${i / 10},1,${i / 10 + ((i % 7) - 3) / 3}`)];
  await writeFile(join(dir, 'preds.csv'), rows.join('\n'));
  await writeFile(join(dir, 'ref.csv'), ['a,b', ...Array.from({ length: 200 }, (_, i) => `${Math.sin(i)},${Math.cos(i * 1.3)}`)].join('\n'));
  await writeFile(join(dir, 'bad.yaml'), 'name: [unclosed');
  const run = { name: 'r', data: { train: { toy: 'heteroscedastic-1d', n: 300 } }, method: { use: 'het-mlp', options: { epochs: 1 } } };
  await writeFile(join(dir, 'run.json'), JSON.stringify(run));
  await writeFile(join(dir, 'recal.json'), JSON.stringify({ ...run, recalibration: { use: 'temperature-scaling' } }));
  await writeFile(join(dir, 'recal-options.json'), JSON.stringify({ ...run, recalibration: { use: 'variance-scaling', options: { bogus: 1 } } }));
  await writeFile(join(dir, 'task.json'), JSON.stringify({ ...run, metrics: ['pulls', 'auc'] }));
});
afterAll(async () => rm(dir, { recursive: true, force: true }));

async function cli(args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(args, { out: (l) => out.push(l), err: (l) => err.push(l), tty: false });
  return { code, out, err: err.join('\n') };
}

type Case = [command: string, args: string[], code: string];
const badInput: Case[] = [
  ['run', ['run', join(dir, 'missing.yaml')], 'FileUnreadable'],
  ['run', ['run', join(dir, 'bad.yaml')], 'ParseError'],
  ['run', ['run', join(dir, 'run.json'), '--checkpoint-every', '0'], 'InvalidCommandLine'],
  // found before any training: recalibration for the wrong task or with bad options, a metric of the wrong task
  ['run', ['run', join(dir, 'recal.json'), '--out', join(dir, 'runs')], 'InvalidConfig'],
  ['run', ['run', join(dir, 'recal-options.json'), '--out', join(dir, 'runs')], 'InvalidConfig'],
  ['run', ['run', join(dir, 'task.json'), '--out', join(dir, 'runs')], 'InvalidConfig'],
  ['run', ['--seed', '-1', 'run', join(dir, 'run.json')], 'InvalidCommandLine'],
  ['plugins', ['plugins', '--bogus'], 'InvalidCommandLine'],
  ['(none)', ['no-such-command'], 'InvalidCommandLine'],
  ['metrics', ['metrics', '--input', join(dir, 'missing.csv')], 'FileUnreadable'],
  ['metrics', ['metrics', '--input', join(dir, 'preds.csv'), '--metrics', 'auc'], 'InvalidArgument'],
  ['fit', ['fit', join(dir, 'bad.yaml')], 'ParseError'],
  ['scan', ['scan', ws, '--range', '3:0:x'], 'InvalidArgument'],
  ['hypotest', ['hypotest', ws, '--mu', 'abc'], 'InvalidArgument'],
  ['limit', ['limit', ws, '--level', '2'], 'InvalidArgument'],
  ['gen-eval', ['gen-eval', '--reference', join(dir, 'missing.csv'), '--generated', join(dir, 'ref.csv')], 'FileUnreadable'],
  ['gen-eval', ['gen-eval', '--reference', join(dir, 'ref.csv'), '--generated', join(dir, 'ref.csv'), '--prdc-k', 'many'], 'InvalidArgument'],
  ['scale-pulls', ['scale-pulls', '--method', 'bogus'], 'InvalidArgument'],
  ['scale-pulls', ['scale-pulls', '--table', join(dir, 'missing.csv')], 'FileUnreadable'],
];
const unwritable: Case[] = [
  ['run', ['run', join(dir, 'run.json'), '--out', underFile], 'OutputWriteFailed'],
  ['metrics', ['metrics', '--input', join(dir, 'preds.csv'), '--report', underFile], 'OutputWriteFailed'],
  ['scan', ['scan', ws, '--report', underFile], 'OutputWriteFailed'],
  ['gen-eval', ['gen-eval', '--reference', join(dir, 'ref.csv'), '--generated', join(dir, 'ref.csv'), '--metrics', 'w1', '--report', underFile], 'OutputWriteFailed'],
  ['scale-pulls', ['scale-pulls', '--report', file], 'OutputWriteFailed'],
];

describe('every command fails cleanly on bad input and unwritable output', () => {
  for (const [command, args, code] of [...badInput, ...unwritable]) {
    it(`${command}: ${args.slice(1).map((a) => a.replace(dir, '<tmp>')).join(' ')} -> ${code}`, async () => {
      const before = await treeHashes(dir);
      const text = await cli(args);
      expect(text.code, text.err).toBe(2);
      expect(text.err).toMatch(new RegExp(`^\\[hepuq:${code}\\] `));
      expect(text.err).toContain('hint: ');
      expect(text.err).not.toMatch(/\n\s+at /);
      expect(text.err).not.toMatch(/epoch \d+\//); // refused before any training
      const json = await cli([...args, '--json']);
      expect(json.code).toBe(2);
      const lines = json.err.split('\n');
      expect(lines).toHaveLength(1);
      expect(JSON.parse(lines[0]).error).toMatchObject({ code, hint: expect.any(String), message: expect.any(String) });
      expect(changedEntries(before, await treeHashes(dir))).toEqual([]);
    });
  }

  it('reports a programming error in a plugin as InternalError (exit 1) naming the plugin and where to report it; the stack only with --debug', async () => {
    const config = join(dir, 'faulty.json');
    await writeFile(config, JSON.stringify({
      name: 'faulty', plugins: [resolve('test/e2e/fixtures/faulty-plugin.mjs')],
      data: { train: { toy: 'heteroscedastic-1d', n: 100 } }, method: { use: 'acme/faulty' }, report: false,
    }));
    const plain = await cli(['run', config, '--out', join(dir, 'runs')]);
    expect(plain.code).toBe(1);
    expect(plain.err).toMatch(/^\[hepuq:InternalError\] Internal error \(plugin acme-faulty\): TypeError: Cannot read properties of undefined/);
    expect(plain.err).toContain('npm bugs acme-faulty');
    expect(plain.err).not.toMatch(/\n\s+at /);
    const json = await cli(['run', config, '--out', join(dir, 'runs'), '--json']);
    expect(json.code).toBe(1);
    expect(JSON.parse(json.err.split('\n').at(-1)!).error).toMatchObject({ code: 'InternalError', plugin: 'acme-faulty' });
    const debug = await cli(['run', config, '--out', join(dir, 'runs'), '--debug']);
    expect(debug.code).toBe(1);
    expect(debug.err).toMatch(/\n\s+at .*faulty-plugin\.mjs/);
  });
});
