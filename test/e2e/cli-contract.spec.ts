import { existsSync, mkdtempSync } from 'node:fs';
import { readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { main } from '@hepuq/cli';
import { Rng } from '@hepuq/core';
import { heteroscedastic1dToy } from '@hepuq/datasets';
import { writeCsv } from '@hepuq/io';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, io: { out: (l: string) => out.push(l), err: (l: string) => err.push(l), tty: false } };
}

const dir = mkdtempSync(join(tmpdir(), 'hepuq-cli-'));
beforeAll(async () => {
  const toy = (n: number, seed: number) => heteroscedastic1dToy.generate(n, heteroscedastic1dToy.options.parse({}), new Rng(seed));
  for (const [name, n, seed] of [['train', 3000, 1], ['test', 1000, 2]] as const) {
    const d = toy(n, seed);
    await writeCsv(join(dir, `${name}.csv`), { x: d.features.x, y: d.target!, w: d.weights });
  }
  const broken = (await readFile(join(dir, 'train.csv'), 'utf8')).split('\n');
  broken[42] = broken[42].replace(/^[^,]+/, 'NaN');
  await writeFile(join(dir, 'nan.csv'), broken.join('\n'));
});
afterAll(async () => rm(dir, { recursive: true, force: true }));

const config = (name: string, over: Record<string, unknown> = {}) => ({
  name,
  seed: 3,
  data: { train: { path: join(dir, 'train.csv'), features: ['x'], target: 'y', weight: 'w' }, test: { path: join(dir, 'test.csv'), features: ['x'], target: 'y' } },
  method: { use: 'het-mlp', options: { hidden: [16, 16], epochs: 4 } },
  report: false,
  ...over,
});

async function runConfig(name: string, cfg: object) {
  const path = join(dir, `${name}.json`);
  await writeFile(path, JSON.stringify(cfg));
  const c = capture();
  const code = await main(['run', path, '--out', join(dir, 'runs')], c.io);
  return { code, ...c };
}

describe('hepuq CLI contract', () => {
  it('runs a config whose data come from CSV files, reproducibly for the same seed', async () => {
    const a = await runConfig('csv-a', config('csv-a'));
    expect(a.code, a.err.join('\n')).toBe(0);
    const b = await runConfig('csv-b', config('csv-b'));
    expect(b.code).toBe(0);
    const files = await readdir(join(dir, 'runs', 'csv-a'));
    expect(files).toEqual(expect.arrayContaining(['config.resolved.json', 'metrics.json', 'predictions.csv', 'model']));
    const [pa, pb] = await Promise.all(['csv-a', 'csv-b'].map((n) => readFile(join(dir, 'runs', n, 'predictions.csv'), 'utf8')));
    expect(pa).toBe(pb);
  });

  it('recalibrates on a held-out calibration set and keeps the raw metrics beside', async () => {
    const r = await runConfig('recal', config('recal', { recalibration: { use: 'variance-scaling', fraction: 0.25, options: {} } }));
    expect(r.code, r.err.join('\n')).toBe(0);
    const runDir = join(dir, 'runs', 'recal');
    const steps = JSON.parse(await readFile(join(runDir, 'steps.json'), 'utf8'));
    expect(steps.recalibration.method).toBe('variance-scaling');
    expect(steps.recalibration.calibrationEvents).toBe(750);
    const raw = JSON.parse(await readFile(join(runDir, 'metrics.uncalibrated.json'), 'utf8'));
    const cal = JSON.parse(await readFile(join(runDir, 'metrics.json'), 'utf8'));
    // variance scaling multiplies every sigma by one factor s fitted on the calibration set, so the
    // test pull std changes by exactly 1/s: the two tables must differ unless s = 1.
    expect(cal.pull_std.value).not.toBe(raw.pull_std.value);
    expect(cal.rmse.value).toBeCloseTo(raw.rmse.value, 6);
  });

  it('mounts registry commands: `hepuq hypotest ws.json --mu 1 --json` prints one object', async () => {
    const c = capture();
    const code = await main(['hypotest', 'packages/inference/src/fixtures/1bin_normsys.json', '--mu', '1', '--json'], c.io);
    expect(code, c.err.join('\n')).toBe(0);
    const result = JSON.parse(c.out.join(''));
    expect(result.cls_obs).toBeGreaterThan(0);
    expect(result.cls_obs).toBeLessThan(1);
    expect(result.cls_exp).toHaveLength(5);
    const bad = capture();
    expect(await main(['hypotest', join(dir, 'train.csv'), '--mu', '1'], bad.io)).toBe(2);
    expect(bad.err.join('\n')).toMatch(/\[hepuq:(InvalidWorkspace|ParseError)\]/);
  });

  it('runs core inference procedures as run steps (workspace by path) into steps.json', async () => {
    const workspace = resolve('packages/inference/src/fixtures/1bin_normsys.json');
    const r = await runConfig('steps', config('steps', { steps: [{ use: 'hypotest', options: { workspace, mu: 1 } }, { use: 'fit', options: { workspace } }] }));
    expect(r.code, r.err.join('\n')).toBe(0);
    const steps = JSON.parse(await readFile(join(dir, 'runs', 'steps', 'steps.json'), 'utf8'));
    const direct = capture();
    expect(await main(['hypotest', workspace, '--mu', '1', '--json'], direct.io)).toBe(0);
    expect(steps.hypotest.cls_obs).toBe(JSON.parse(direct.out.join('')).cls_obs);
    expect(steps.fit.poi_uncertainty).toBeGreaterThan(0);
  });

  it('lists the built-ins with `hepuq plugins --json`', async () => {
    const c = capture();
    expect(await main(['plugins', '--json'], c.io)).toBe(0);
    const list = JSON.parse(c.out.join(''));
    const keys = (kind: string) => list.registries[kind].map((e: { key: string }) => e.key);
    expect(keys('methods')).toEqual(expect.arrayContaining(['het-mlp', 'mlp-classifier']));
    expect(keys('toys')).toContain('heteroscedastic-1d');
    expect(keys('formats')).toEqual(expect.arrayContaining(['csv', 'npy']));
    expect(list.plugins.map((p: { name: string }) => p.name)).toEqual(expect.arrayContaining(['@hepuq/core', '@hepuq/io', '@hepuq/report', '@hepuq/datasets']));
  });

  it.each([
    ['unknown method key', config('bad-method', { method: { use: 'no-such-method', options: {} } }), 'UnknownKey', 'no-such-method'],
    ['missing column', config('bad-column', { data: { train: { path: join(dir, 'train.csv'), features: ['x', 'x9'], target: 'y' } } }), 'MissingColumn', 'x9'],
    ['NaN in the data', config('bad-nan', { data: { train: { path: join(dir, 'nan.csv'), features: ['x'], target: 'y' } } }), 'NonFiniteValue', 'row'],
    ['unknown config key', { ...config('bad-key'), epochz: 3 }, 'InvalidConfig', 'epochz'],
    ['bad method option', config('bad-option', { method: { use: 'het-mlp', options: { hiden: [3] } } }), 'InvalidConfig', 'hiden'],
    ['bad step option', config('bad-step', { steps: [{ use: 'hypotest', options: { workspace: 'ws.json', mu: 'one' } }] }), 'InvalidConfig', 'steps[0].options.mu'],
    ['unknown step', config('bad-step-key', { steps: [{ use: 'no-such-step', options: {} }] }), 'UnknownKey', 'no-such-step'],
  ])('%s exits non-zero with a catalog error and leaves no run directory', async (_what, cfg, code, mention) => {
    const r = await runConfig((cfg as { name: string }).name, cfg);
    expect(r.code).toBe(2);
    const message = r.err.join('\n');
    expect(message).toContain(`[hepuq:${code}]`);
    expect(message).toContain(mention);
    expect(message).toContain('hint:');
    expect(message).not.toMatch(/\n\s+at /);
    expect(existsSync(join(dir, 'runs', (cfg as { name: string }).name))).toBe(false);
    const leftovers = existsSync(join(dir, 'runs')) ? (await readdir(join(dir, 'runs'))).filter((f) => f.includes('tmp')) : [];
    expect(leftovers).toEqual([]);
  });
});
