import { mkdtempSync, readFileSync } from 'node:fs';
import { readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Rng } from '@hepuq/core';
import { twoTarget2dToy } from '@hepuq/datasets';
import { afterAll, describe, expect, it } from 'vitest';
import { hepuqExpecting as hepuq } from './cli-in-process.js';

const dir = mkdtempSync(join(tmpdir(), 'hepuq-multitarget-'));
afterAll(async () => rm(dir, { recursive: true, force: true }));
const at = (name: string) => join(dir, name);

/** A CSV of two-target-2d events: x1, x2 and the targets y1, y2. */
async function writeEvents(path: string, n: number, seed: number): Promise<void> {
  const ds = twoTarget2dToy.generate(n, {}, new Rng(seed));
  const [y1, y2] = ds.targets.map((t) => t.values);
  const rows = Array.from({ length: n }, (_, i) => `${ds.features.x1[i]},${ds.features.x2[i]},${y1[i]},${y2[i]}`);
  await writeFile(path, `x1,x2,y1,y2\n${rows.join('\n')}\n`);
}

describe('a multi-target run: hepuq run, predict and export with two targets', () => {
  const runDir = at('runs/two');
  const source = (file: string) => ({ path: at(file), features: ['x1', 'x2'], target: ['y1', 'y2'] });

  it('writes mean_<target>, sigma_*_<target> and replica columns, metrics per target and a report section per target', async () => {
    await writeEvents(at('train.csv'), 1500, 1);
    await writeEvents(at('test.csv'), 400, 2);
    const config = {
      name: 'two', seed: 4, replicas: 2,
      data: { train: source('train.csv'), test: source('test.csv') },
      method: { use: 'deep-ensemble', options: { members: 3, hidden: [16], epochs: 3 } },
    };
    await writeFile(at('two.json'), JSON.stringify(config));
    await hepuq(['run', at('two.json'), '--out', at('runs')]);
    const [header] = (await readFile(join(runDir, 'predictions.csv'), 'utf8')).split('\n');
    expect(header.split(',')).toEqual([
      'x1', 'x2', 'y1', 'y2', 'weight',
      'mean_y1', 'sigma_stat_y1', 'sigma_syst_y1', 'sigma_tot_y1', 'mean_y2', 'sigma_stat_y2', 'sigma_syst_y2', 'sigma_tot_y2',
      'replica_0_y1', 'replica_0_y2', 'replica_1_y1', 'replica_1_y2',
    ].filter((c) => c !== 'weight' || header.includes('weight')));
    const metrics = JSON.parse(await readFile(join(runDir, 'metrics.json'), 'utf8')) as Record<string, unknown>;
    for (const name of ['rmse_y1', 'rmse_y2', 'pull_std_y1', 'pull_std_y2']) expect(JSON.stringify(metrics), name).toContain(`"${name}"`);
    expect(JSON.stringify(metrics)).not.toContain('"rmse"');
    const report = readFileSync(join(runDir, 'report.html'), 'utf8');
    expect(report).toContain('(y1)');
    expect(report).toContain('(y2)');
  });

  it('predict reproduces the run\'s predictions; export writes mean [events, T] with the target names', async () => {
    await hepuq(['predict', runDir, '--data', at('test.csv'), '--replicas', '2', '--out', at('p.csv')]);
    expect(await readFile(at('p.csv'), 'utf8')).toBe(await readFile(join(runDir, 'predictions.csv'), 'utf8'));
    const { out } = await hepuq(['export', runDir, '--format', 'onnx', '--out', at('two.onnx')]);
    expect(out.join('\n')).toMatch(/mean/);
  });

  it('hepuq metrics --target reads one target of the predictions file and agrees with the run\'s metrics', async () => {
    const { out } = await hepuq(['metrics', '--input', join(runDir, 'predictions.csv'), '--target', 'y2', '--json']);
    const values = JSON.parse(out.join('\n')) as Record<string, { value: number }>;
    const run = JSON.parse(await readFile(join(runDir, 'metrics.json'), 'utf8')) as Record<string, { value: number }>;
    // the same columns as the run used, through the CSV's text: equal to a few digits
    for (const key of ['pull_std', 'rmse', 'coverage_68', 'sample_coverage_68']) expect(values[key].value, key).toBeCloseTo(run[`${key}_y2`].value, 4);
    // without --target a multi-target file has no `mean` column: the error says how to pick a target
    const { err } = await hepuq(['metrics', '--input', join(runDir, 'predictions.csv')], 2);
    expect(err.join('\n')).toMatch(/--target <name>/);
  });

  it('a recalibration and mismatched test targets are refused before training', async () => {
    const recal = { name: 'recal', data: { train: source('train.csv') }, method: { use: 'het-mlp' }, recalibration: { use: 'variance-scaling' } };
    await writeFile(at('recal.json'), JSON.stringify(recal));
    expect((await hepuq(['run', at('recal.json'), '--out', at('runs')], 2)).err.join('\n')).toMatch(/recalibrates one target, but this run predicts 2 \(y1, y2\)/);
    const swapped = { name: 'swapped', data: { train: source('train.csv'), test: { ...source('test.csv'), target: ['y2', 'y1'] } }, method: { use: 'het-mlp' } };
    await writeFile(at('swapped.json'), JSON.stringify(swapped));
    expect((await hepuq(['run', at('swapped.json'), '--out', at('runs')], 2)).err.join('\n')).toMatch(/data.test has targets \(y2, y1\), but data.train has \(y1, y2\)/);
  });
});
