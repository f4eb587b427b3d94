import { mkdtempSync, readFileSync } from 'node:fs';
import { rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { main } from '@hepuq/cli';
import { createHepuq } from '@hepuq/core';
import { io } from '@hepuq/io';
import { afterAll, describe, expect, it } from 'vitest';

const dir = mkdtempSync(join(tmpdir(), 'hepuq-formats-'));
const fixtures = resolve('packages/io/fixtures');
const expected = JSON.parse(readFileSync(join(fixtures, 'expected.json'), 'utf8')) as Record<string, { columns: Record<string, { sum: number }> }>;
afterAll(async () => rm(dir, { recursive: true, force: true }));

/** Column sums of a predictions.csv (float32 values printed exactly, so sums match the writer's). */
function columnSums(csv: string): Record<string, number> {
  const [header, ...rows] = csv.trim().split('\n');
  const names = header.split(',');
  const sums: Record<string, number> = Object.fromEntries(names.map((n) => [n, 0]));
  for (const row of rows) row.split(',').forEach((v, j) => (sums[names[j]] += Number(v)));
  return { ...sums, rows: rows.length };
}

async function run(name: string, data: object, method = 'het-mlp') {
  const config = { name, seed: 1, data, method: { use: method, options: { hidden: [8], epochs: 2 } }, report: false };
  const path = join(dir, `${name}.json`);
  await writeFile(path, JSON.stringify(config));
  const err: string[] = [];
  const code = await main(['run', path, '--out', dir], { out: () => {}, err: (l) => err.push(l), tty: false });
  expect(code, err.join('\n')).toBe(0);
  return columnSums(readFileSync(join(dir, name, 'predictions.csv'), 'utf8'));
}

describe('run configs read every supported format (numbers equal those the reference tools wrote)', () => {
  it('an HDF5 dataset (h5py)', async () => {
    const source = { path: join(fixtures, 'hdf5/groups.h5:/events'), features: ['x'], target: 'y', weight: 'w' };
    const sums = await run('h5-dataset', { train: source, test: source });
    const cols = expected['hdf5/groups.h5:/events'].columns;
    expect(sums.rows).toBe(60);
    // sums of 60 float32 values printed with round-trip precision: agreement to 1e-6 relative
    for (const c of ['x', 'y']) expect(sums[c]).toBeCloseTo(cols[c].sum, 4);
    expect(sums.weight).toBeCloseTo(cols.w.sum, 4);
  });

  it('a pandas HDF5 table (to_hdf format=table), as classification', async () => {
    const source = { path: join(fixtures, 'hdf5/pandas_table.h5'), features: ['E_0', 'E_1', 'E_2', 'E_3'], label: 'is_signal_new' };
    const sums = await run('pandas-table', { train: source, test: source }, 'mlp-classifier');
    const cols = expected['hdf5/pandas_table.h5'].columns;
    expect(sums.rows).toBe(200);
    for (const c of ['E_0', 'E_3']) expect(sums[c] / cols[c].sum).toBeCloseTo(1, 6);
    expect(sums.is_signal_new).toBe(cols.is_signal_new.sum);
  });

  it('a ROOT tree (uproot-HZZ.root:events)', async () => {
    const source = { path: join(fixtures, 'root/uproot-HZZ.root:events'), features: ['MET_px', 'NMuon'], target: 'MET_py' };
    const sums = await run('root-tree', { train: source, test: source });
    // 2421 entries and 3825 muons in total (test-file README, independent of jsroot)
    expect(sums.rows).toBe(2421);
    expect(sums.NMuon).toBe(3825);
  });

  it('a Parquet file written by @hepuq/io', async () => {
    const x = Float32Array.from({ length: 300 }, (_, i) => Math.sin(i) * 3);
    const y = Float32Array.from(x, (v) => 0.5 * v + 0.1);
    const app = await createHepuq({ plugins: [io()] });
    await app.registries.formats.get('parquet').write!(join(dir, 'toy.parquet'), { x, y });
    app.dispose();
    const source = { path: join(dir, 'toy.parquet'), features: ['x'], target: 'y' };
    const sums = await run('parquet', { train: source, test: source });
    expect(sums.rows).toBe(300);
    expect(sums.x).toBeCloseTo(x.reduce((a, b) => a + b, 0), 3);
  });
});
