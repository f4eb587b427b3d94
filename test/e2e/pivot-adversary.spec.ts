import { mkdtempSync, readFileSync } from 'node:fs';
import { rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Rng } from '@hepuq/core';
import { aware2dToy, pivot2dToy } from '@hepuq/datasets';
import { csvFormat } from '@hepuq/io';
import { afterAll, describe, expect, it } from 'vitest';
import { hepuqInProcess } from './cli-in-process.js';

const dir = mkdtempSync(join(tmpdir(), 'hepuq-pivot-'));
afterAll(async () => rm(dir, { recursive: true, force: true }));

/** Run the CLI in-process; returns stdout lines, failing with stderr on a non-zero exit. */
async function hepuq(args: string[]): Promise<string[]> {
  const { code, out, err } = await hepuqInProcess(args);
  expect(code, err.join('\n')).toBe(0);
  return out;
}

/** A toy written as CSV with its label and nuisance columns, as a physicist's file would be. */
async function csv(name: string, data: ReturnType<typeof pivot2dToy.generate>): Promise<string> {
  const path = join(dir, name);
  await csvFormat().write!(path, { ...data.features, y: data.label!, z: data.nuisances.z });
  return path;
}

const readJson = (path: string) => JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;

describe('pivot-adversary through the CLI', () => {
  it('trains pivot on CSV data with nuisances and writes the decorrelation diagnostics to metrics.json', async () => {
    const source = { path: await csv('pivot.csv', pivot2dToy.generate(3000, {}, new Rng(1))), features: ['x1', 'x2'], label: 'y', nuisances: ['z'] };
    const config = {
      name: 'pivot-csv', seed: 1, data: { train: source },
      method: { use: 'pivot', options: { lambda: 10, hidden: [16], adversaryHidden: [16], epochs: 3, pretrainEpochs: 1, adversaryPretrainEpochs: 1 } },
      steps: [{ use: 'lambda-scan', options: { lambdas: [0, 10] } }],
    };
    await hepuq(['run', await writeConfig(config), '--out', dir]);
    const metrics = readJson(join(dir, 'pivot-csv', 'metrics.json'));
    const bins = metrics.auc_by_nuisance as { low: number; high: number; value: number; error: number }[];
    expect(bins).toHaveLength(5);
    for (const b of bins) expect(b.high).toBeGreaterThan(b.low);
    expect(metrics.adversary_loss).toMatchObject({ value: expect.any(Number), error: expect.any(Number) });
    expect((metrics.nuisance_entropy as { value: number }).value).toBeGreaterThan(1);
    const steps = readJson(join(dir, 'pivot-csv', 'steps.json'));
    expect((steps['lambda-scan'] as { points: unknown[] }).points).toHaveLength(2);
    expect(readFileSync(join(dir, 'pivot-csv', 'report.html'), 'utf8')).toContain('Nuisance dependence');
  }, 180_000);

  it('profiles Z with aware-profile: workspace.json gives the same mu_hat through `hepuq fit`', async () => {
    const source = { path: await csv('aware.csv', aware2dToy.generate(8000, {}, new Rng(2))), features: ['x1', 'x2'], label: 'y', nuisances: ['z'] };
    const config = {
      name: 'aware-csv', seed: 2, data: { train: source, testFraction: 0.5 },
      method: { use: 'aware-classifier', options: { hidden: [16, 16], epochs: 5 } },
      steps: [{ use: 'aware-profile', options: { observed: { toy: 'aware-2d', n: 4000, options: { z: 1.0 } } } }],
      report: false,
    };
    await hepuq(['run', await writeConfig(config), '--out', dir]);
    const profile = readJson(join(dir, 'aware-csv', 'steps.json'))['aware-profile'] as { mu_hat: number; mu_interval: [number, number]; z_hat: number; nominal: { mu_hat: number } };
    expect(profile.mu_interval[0]).toBeLessThan(profile.mu_hat);
    expect(profile.mu_interval[1]).toBeGreaterThan(profile.mu_hat);
    expect(Number.isFinite(profile.nominal.mu_hat)).toBe(true);
    const fit = JSON.parse((await hepuq(['fit', join(dir, 'aware-csv', 'workspace.json'), '--json'])).join('')) as { poi_value: number };
    // the same likelihood and minimiser: equal to the minimiser's tolerance
    expect(fit.poi_value).toBeCloseTo(profile.mu_hat, 6);
  }, 180_000);
});

/** The config as a JSON file in the scratch directory. */
async function writeConfig(config: { name: string }): Promise<string> {
  const path = join(dir, `${config.name}.json`);
  await writeFile(path, JSON.stringify(config));
  return path;
}
