import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Rng } from '@hepuq/core';
import { dijetToy } from '@hepuq/datasets';
import { csvFormat } from '@hepuq/io';
import { afterAll, describe, expect, it } from 'vitest';
import { hepuqInProcess } from './cli-in-process.js';

const dir = mkdtempSync(join(tmpdir(), 'hepuq-cwola-'));
afterAll(async () => rm(dir, { recursive: true, force: true }));

const hepuq = hepuqInProcess;

const FEATURES = ['mj1', 'mj2', 'tau21_1', 'tau21_2'];
const classifier = { use: 'mlp-classifier', options: { hidden: [16], epochs: 3, batchSize: 256 } };

describe('cwola through the CLI', () => {
  it('trains on a `sample` column of a CSV file and hunts: metrics with the CWoLa AUCs, hunt.json per region and efficiency', async () => {
    const data = dijetToy.generate(8000, { signal: { fraction: 0.01 }, label: { window: [3300, 3700] } }, new Rng(1));
    const path = join(dir, 'events.csv');
    await csvFormat().write!(path, { ...data.features, mjj: data.extras.mjj, is_signal: data.extras.is_signal, sample: data.label! });
    const config = {
      name: 'hunt', seed: 2,
      data: { train: { path, features: FEATURES, label: 'sample', extras: ['mjj', 'is_signal'] } },
      method: { use: 'cwola', options: { truth: 'is_signal', classifier } },
      steps: [{ use: 'cwola-hunt', options: { truth: 'is_signal', bins: { n: 10, min: 2000, max: 5000, scale: 'log' }, signalRegions: { windows: [[4, 5]], sideband: 2 }, folds: 3, classifier, efficiencies: [0.1] } }],
    };
    const configPath = join(dir, 'hunt.json');
    await writeFile(configPath, JSON.stringify(config));
    const run = await hepuq(['run', configPath, '--out', dir]);
    expect(run.code, run.err.join('\n')).toBe(0);
    const metrics = JSON.parse(readFileSync(join(dir, 'hunt', 'metrics.json'), 'utf8')) as Record<string, unknown>;
    expect(JSON.stringify(metrics)).toMatch(/mixed_auc/);
    expect(JSON.stringify(metrics)).toMatch(/signal_auc/);
    const hunt = JSON.parse(readFileSync(join(dir, 'hunt', 'hunt.json'), 'utf8')) as Record<string, unknown>[];
    expect(hunt.map((r) => r.efficiency)).toEqual([1, 0.1]);
    for (const row of hunt) for (const key of ['sr', 'efficiency', 'observed', 'expected', 'sigma_b', 'z', 'p0']) expect(row).toHaveProperty(key);
    expect(existsSync(join(dir, 'hunt', 'report.html'))).toBe(true);
  });

  it('hepuq bump-fit prints the fit and the counting result of a counts file', async () => {
    const edges = Array.from({ length: 21 }, (_, i) => 2000 + 150 * i);
    const rows = edges.slice(0, -1).map((lo, i) => `${lo},${edges[i + 1]},${Math.round(2e5 * (1 - (lo + 75) / 13000) ** 10 * ((lo + 75) / 13000) ** -5 / 1e4)}`);
    const counts = join(dir, 'counts.csv');
    await writeFile(counts, ['low,high,count', ...rows].join('\n'));
    const fit = await hepuq(['bump-fit', '--counts', counts, '--sr', '9:10', '--json']);
    expect(fit.code, fit.err.join('\n')).toBe(0);
    const out = JSON.parse(fit.out.join('\n')) as Record<string, unknown>;
    for (const key of ['fit_params', 'observed', 'expected', 'sigma_b', 'mu_hat', 'z', 'p0']) expect(out).toHaveProperty(key);
    const edge = await hepuq(['bump-fit', '--counts', counts, '--sr', '0:1']);
    expect(edge.code).not.toBe(0);
    expect(edge.err.join('\n')).toMatch(/edge|sideband/i);
  });
});
