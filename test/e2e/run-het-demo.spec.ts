import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '@hepuq/cli';
import { afterAll, describe, expect, it } from 'vitest';

const io = () => {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, io: { out: (l: string) => out.push(l), err: (l: string) => err.push(l), tty: false } };
};

describe('hepuq run examples/het-regression.yaml (the README demo)', () => {
  let dir: string;
  afterAll(async () => dir && rm(dir, { recursive: true, force: true }));

  it('writes a calibrated run: metrics, predictions, model and report', async () => {
    dir = await mkdtemp(join(tmpdir(), 'hepuq-run-'));
    const { io: cliIo, out, err } = io();
    const code = await main(['run', 'examples/het-regression.yaml', '--out', dir], cliIo);
    expect(code, err.join('\n')).toBe(0);
    const runDir = join(dir, 'het-demo');
    const files = await readdir(runDir);
    expect(files).toEqual(expect.arrayContaining(['config.resolved.json', 'metrics.json', 'predictions.csv', 'model', 'report.html']));
    const metrics = JSON.parse(await readFile(join(runDir, 'metrics.json'), 'utf8'));
    // 10^4 test events: pull std has standard error ~0.007 and 68.3% coverage ~0.005; the issue's
    // acceptance windows (0.9-1.1 and 0.64-0.72) are many standard errors wide.
    expect(metrics.pull_std.value).toBeGreaterThan(0.9);
    expect(metrics.pull_std.value).toBeLessThan(1.1);
    expect(metrics.coverage_68.value).toBeGreaterThan(0.64);
    expect(metrics.coverage_68.value).toBeLessThan(0.72);
    const resolved = JSON.parse(await readFile(join(runDir, 'config.resolved.json'), 'utf8'));
    expect(resolved.backend.name).toBe('wasm');
    expect(resolved.seed).toBe(7);
    expect(resolved.versions.core).toMatch(/^\d+\.\d+\.\d+/);
    const header = (await readFile(join(runDir, 'predictions.csv'), 'utf8')).split('\n')[0];
    expect(header.split(',')).toEqual(expect.arrayContaining(['x', 'mean', 'sigma_stat', 'sigma_syst', 'sigma_tot']));
    expect(out.join('\n')).toContain('pull_std');
  });
});
