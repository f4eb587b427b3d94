import { mkdtempSync } from 'node:fs';
import { readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '@hepuq/cli';
import { afterAll, describe, expect, it } from 'vitest';

const dir = mkdtempSync(join(tmpdir(), 'hepuq-ni-'));
afterAll(async () => rm(dir, { recursive: true, force: true }));

// plumbing, not physics: small samples, a tiny network, few epochs
const QUICK = { hidden: [8], activation: 'tanh', epochs: 3, batchSize: 128 };

async function run(name: string, over: Record<string, unknown>) {
  const cfg = {
    name, seed: 2,
    data: { train: { toy: 'response', n: 1500, options: { prior: { shape: 'power-law', index: 2 } } }, test: { toy: 'response', n: 600, options: { prior: { shape: 'flat' } } } },
    method: { use: 'numerical-inversion', options: { inner: { use: 'het-mlp', options: QUICK }, grid: { points: 32 }, strict: false } },
    ...over,
  };
  const path = join(dir, `${name}.json`);
  await writeFile(path, JSON.stringify(cfg));
  const err: string[] = [];
  const code = await main(['run', path, '--out', join(dir, 'runs')], { out: () => undefined, err: (l) => err.push(l), tty: false });
  return { code, err: err.join('\n') };
}

describe('numerical inversion in hepuq run', () => {
  it('writes closure tables into metrics.json, the direct comparison into steps.json, and both into the report', async () => {
    const r = await run('ni', {
      metrics: ['pulls', { use: 'closure', options: { bins: 4, reweight: { prior: { shape: 'power-law', index: 2 }, from: { shape: 'flat' } } } }],
      steps: [{ use: 'closure-compare', options: { direct: { use: 'het-mlp', options: QUICK }, closure: { bins: 4 } } }],
    });
    expect(r.code, r.err).toBe(0);
    const out = join(dir, 'runs', 'ni');
    const metrics = JSON.parse(await readFile(join(out, 'metrics.json'), 'utf8'));
    expect(metrics.closure).toHaveLength(4);
    expect(Object.keys(metrics.closure[0])).toEqual(expect.arrayContaining(['low', 'high', 'mean', 'mean_error', 'median']));
    expect(metrics.closure_reweighted).toHaveLength(4);
    expect(Object.keys(metrics)).toEqual(expect.arrayContaining(['pull_std', 'closure_median', 'closure_median_reweighted', 'inversion_outside']));
    const steps = JSON.parse(await readFile(join(out, 'steps.json'), 'utf8'));
    expect(steps['closure-compare'].entries.map((e: { label: string }) => e.label)).toEqual(['numerical-inversion', 'het-mlp (direct)']);
    const html = await readFile(join(out, 'report.html'), 'utf8');
    expect(html).toContain('Closure in bins of the true value: median (numerical-inversion against het-mlp (direct))');
    expect(await readdir(join(out, 'model'))).toEqual(expect.arrayContaining(['model.json', 'response']));
    const header = (await readFile(join(out, 'predictions.csv'), 'utf8')).split('\n')[0];
    expect(header).toMatch(/mean.*sigma_stat.*sigma_syst.*sigma_tot/);
  });

  it('checks metric options before anything trains', async () => {
    const bad = await run('bad-bins', { metrics: [{ use: 'closure', options: { bins: 0 } }] });
    expect(bad.code).not.toBe(0);
    expect(bad.err).toMatch(/metric "closure": options\.bins/);
    const none = await run('no-options', { metrics: [{ use: 'pulls', options: { levels: [0.5] } }] });
    expect(none.err).toMatch(/metrics\[0\]: metric "pulls" takes no options, got levels/);
    expect(await readdir(join(dir, 'runs')).catch(() => [])).not.toEqual(expect.arrayContaining(['bad-bins', 'no-options']));
  });
});
