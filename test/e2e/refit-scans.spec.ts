import { mkdtempSync } from 'node:fs';
import { readFile, rm, writeFile, readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '@hepuq/cli';
import { afterAll, describe, expect, it } from 'vitest';

const dir = mkdtempSync(join(tmpdir(), 'hepuq-scans-'));
afterAll(async () => rm(dir, { recursive: true, force: true }));

async function run(name: string, over: Record<string, unknown>) {
  const cfg = {
    name, seed: 4,
    data: { train: { toy: 'heteroscedastic-1d', n: 1200 }, test: { toy: 'heteroscedastic-1d', n: 400 } },
    method: { use: 'het-mlp', options: { hidden: [8], epochs: 3 } },
    ...over,
  };
  const path = join(dir, `${name}.json`);
  await writeFile(path, JSON.stringify(cfg));
  const err: string[] = [];
  const code = await main(['run', path, '--out', join(dir, 'runs')], { out: () => undefined, err: (l) => err.push(l), tty: false });
  return { code, err: err.join('\n') };
}

describe('refit scans in hepuq run', () => {
  it('runs data-scaling after the fit: steps.json holds the points, the report draws the section', async () => {
    const r = await run('scaling', { steps: [{ use: 'data-scaling', options: { fractions: [0.5, 1] } }] });
    expect(r.code, r.err).toBe(0);
    const steps = JSON.parse(await readFile(join(dir, 'runs', 'scaling', 'steps.json'), 'utf8'));
    const scan = steps['data-scaling'];
    expect(scan.method).toBe('het-mlp');
    expect(scan.points.map((p: { n_train: number; epochs: number }) => [p.n_train, p.epochs])).toEqual([[600, 6], [1200, 3]]);
    // het-mlp has no statistical error (sigma_stat = 0): no exponent for it, one for sigma_syst
    expect(scan.stat_slope).toBeUndefined();
    expect(Number.isFinite(scan.syst_slope.value)).toBe(true);
    const html = await readFile(join(dir, 'runs', 'scaling', 'report.html'), 'utf8');
    expect(html).toContain('Prior independence and data scaling');
    expect(html).toContain('exponent of σ_syst in N');
  });

  it('refuses a prior scan of a method without a prior width before anything trains', async () => {
    const r = await run('prior', { steps: [{ use: 'prior-scan' }] });
    expect(r.code).not.toBe(0);
    expect(r.err).toMatch(/prior-scan: method "het-mlp" refuses the options of a scan point \{"priorSigma":0.01\}/);
    expect(await readdir(join(dir, 'runs')).catch(() => [])).not.toContain('prior');
  });
});
