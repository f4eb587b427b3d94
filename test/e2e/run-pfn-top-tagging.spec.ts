import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { hepuqInProcess } from './cli-in-process.js';

describe('hepuq run examples/pfn-top-tagging.yaml (a PFN on constituents read from a top-tagging-layout HDF5 file)', () => {
  let dir: string;
  afterAll(async () => dir && rm(dir, { recursive: true, force: true }));

  it('reads the particle set through the run config, trains the pfn body and writes the run', async () => {
    dir = await mkdtemp(join(tmpdir(), 'hepuq-pfn-'));
    const { code, out, err } = await hepuqInProcess(['run', 'examples/pfn-top-tagging.yaml', '--out', dir]);
    expect(code, err.join('\n')).toBe(0);
    const runDir = join(dir, 'pfn-top-tagging');
    expect(await readdir(runDir)).toEqual(expect.arrayContaining(['config.resolved.json', 'metrics.json', 'predictions.csv', 'model']));
    const resolved = JSON.parse(await readFile(join(runDir, 'config.resolved.json'), 'utf8'));
    expect(resolved.config.data.train.sets.constituents.preprocess).toEqual({ fourMomentum: { e: 'e', px: 'px', py: 'py', pz: 'pz' }, center: true, relativePt: true, log: ['pt', 'e'] });
    const metrics = JSON.parse(await readFile(join(runDir, 'metrics.json'), 'utf8'));
    // 60 test jets of two classes that differ in multiplicity (8 vs 16 on average): anything a PFN
    // learns separates them; 0.8 is far below what 10 epochs reach and far above chance (0.5)
    expect(metrics.auc.value).toBeGreaterThan(0.8);
    const rows = (await readFile(join(runDir, 'predictions.csv'), 'utf8')).trim().split('\n');
    expect(rows).toHaveLength(61);
    expect(out.join('\n')).toContain('auc');
  });
});
