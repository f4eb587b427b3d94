import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Rng } from '@hepuq/core';
import { unfoldMultiToy } from '@hepuq/datasets';
import { csvFormat } from '@hepuq/io';
import { afterAll, describe, expect, it } from 'vitest';
import { hepuqInProcess } from './cli-in-process.js';

const dir = mkdtempSync(join(tmpdir(), 'hepuq-omnifold-'));
afterAll(async () => rm(dir, { recursive: true, force: true }));

const hepuq = hepuqInProcess;

/** A toy written as CSV with its pass columns, as a physicist's ntuple would be. */
async function csv(name: string, sample: 'sim' | 'nature', n: number, seed: number, drop: string[] = []): Promise<string> {
  const data = unfoldMultiToy.generate(n, unfoldMultiToy.options.parse({ sample }), new Rng(seed));
  const columns: Record<string, Float32Array> = { ...data.features, pass_gen: data.extras.pass_gen, pass_reco: data.extras.pass_reco, none: new Float32Array(data.n) };
  for (const c of drop) delete columns[c];
  const path = join(dir, name);
  await csvFormat().write!(path, columns);
  return path;
}

const OBS = ['mass', 'width', 'mult'];
const gen = OBS.map((o) => `gen_${o}`);
const reco = OBS.map((o) => `reco_${o}`);
const readJson = (path: string) => JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;

async function writeConfig(config: { name: string } & Record<string, unknown>): Promise<string> {
  const path = join(dir, `${config.name}.json`);
  await writeFile(path, JSON.stringify(config));
  return path;
}

const method = (extra: Record<string, unknown> = {}) => ({
  use: 'omnifold',
  options: { iterations: 2, bootstrap: 2, classifier: { use: 'mlp-classifier', options: { hidden: [16], epochs: 2, batchSize: 256 } }, ...extra },
});

describe('omnifold through the CLI', () => {
  it('unfolds CSV files with masks: per-event weights aligned with the simulation, unfolded.json, IBU step, report', async () => {
    const config = {
      name: 'unfold-csv', seed: 3,
      data: {
        sim: { path: await csv('sim.csv', 'sim', 2000, 1), gen, reco, pass_gen: 'pass_gen', pass_reco: 'pass_reco' },
        data: { path: await csv('data.csv', 'nature', 2000, 2), reco, pass_reco: 'pass_reco', truth: ['gen_mass'], pass_gen: 'pass_gen' },
      },
      method: method({ observables: [{ column: 'gen_mass', bins: [5, 10, 15, 20, 30, 45, 60] }] }),
      steps: [{ use: 'ibu', options: { observables: [{ column: 'gen_width', bins: { n: 6, min: 0, max: 0.6 } }] } }],
    };
    const run = await hepuq(['run', await writeConfig(config), '--out', dir]);
    expect(run.code, run.err.join('\n')).toBe(0);
    const out = join(dir, 'unfold-csv');
    const lines = readFileSync(join(out, 'unfolded-weights.csv'), 'utf8').trim().split('\n');
    expect(lines[0]).toBe('w_iter1,w_iter2,replica_0,replica_1');
    expect(lines).toHaveLength(2001);
    const unfolded = readJson(join(out, 'unfolded.json')) as { observables: { column: string; reco: string; omnifold: { density: number[]; stat_err: number[] }; ibu: { density: number[] }; truth: { density: number[] } }[] };
    const [mass] = unfolded.observables;
    expect(mass).toMatchObject({ column: 'gen_mass', reco: 'reco_mass' });
    for (const d of [mass.omnifold.density, mass.omnifold.stat_err, mass.ibu.density, mass.truth.density]) expect(d).toHaveLength(6);
    const metrics = readJson(join(out, 'metrics.json'));
    expect(metrics.history).toHaveLength(2);
    expect((metrics.ess_fraction as { value: number }).value).toBeGreaterThan(0);
    const steps = readJson(join(out, 'steps.json')) as { ibu: { observables: { column: string; density: number[]; num_iterations: number }[] } };
    expect(steps.ibu.observables[0]).toMatchObject({ column: 'gen_width', num_iterations: expect.any(Number) });
    expect(readFileSync(join(out, 'report.html'), 'utf8')).toContain('Unfolding');
  }, 240_000);

  it('writes the weights as HDF5 when unfoldedWeights names a .h5 file', async () => {
    const config = {
      name: 'unfold-h5', seed: 4, report: false, unfoldedWeights: 'unfolded-weights.h5',
      data: { sim: { toy: 'unfold-gauss', n: 500, gen: ['gen_x'], reco: ['reco_x'] }, data: { toy: 'unfold-gauss', n: 500, options: { sample: 'nature' }, reco: ['reco_x'] } },
      method: method({ iterations: 1, bootstrap: 0 }),
    };
    const run = await hepuq(['run', await writeConfig(config), '--out', dir]);
    expect(run.code, run.err.join('\n')).toBe(0);
    expect(existsSync(join(dir, 'unfold-h5', 'unfolded-weights.h5'))).toBe(true);
  }, 120_000);

  it.each([
    ['a data file missing a reco column', async () => ({ data: { path: await csv('data-no-mult.csv', 'nature', 300, 5, ['reco_mult']), reco } }), 'MissingColumn', 'reco_mult'],
    ['masks that remove every simulated event', async () => ({ sim: { path: await csv('sim-none.csv', 'sim', 300, 6), gen, reco, pass_gen: 'pass_gen', pass_reco: 'none' } }), 'EmptyDataset', 'pass_reco removes every simulated event'],
  ])('rejects %s with a catalog error and writes nothing', async (_what, patch, code, named) => {
    const base = { sim: { path: await csv('sim-ok.csv', 'sim', 300, 8), gen, reco, pass_gen: 'pass_gen', pass_reco: 'pass_reco' }, data: { path: await csv('data-ok.csv', 'nature', 300, 9), reco } };
    const name = `bad-${code}`;
    const config = { name, data: { ...base, ...(await patch()) }, method: method() };
    const run = await hepuq(['run', await writeConfig(config), '--out', dir, '--json']);
    expect(run.code).not.toBe(0);
    const error = JSON.parse(run.err.join('')) as { error: { code: string; message: string } };
    expect(error.error.code).toBe(code);
    expect(error.error.message).toContain(named);
    expect(existsSync(join(dir, name))).toBe(false);
  }, 60_000);

  it('checks the steps against the data before training, and refuses --resume', async () => {
    const data = { sim: { toy: 'unfold-gauss', n: 300, gen: ['gen_x'], reco: ['reco_x'] }, data: { toy: 'unfold-gauss', n: 300, options: { sample: 'nature' }, reco: ['reco_x'] } };
    const config = { name: 'bad-step', data, method: method(), steps: [{ use: 'ibu', options: { observables: [{ column: 'gen_nope', bins: [0, 1] }] } }] };
    const run = await hepuq(['run', await writeConfig(config), '--out', dir, '--json']);
    expect(run.code).not.toBe(0);
    expect(JSON.parse(run.err.join('')).error).toMatchObject({ code: 'MissingColumn', message: expect.stringContaining('gen_nope') });
    expect(existsSync(join(dir, 'bad-step'))).toBe(false);
    const resume = await hepuq(['run', await writeConfig({ name: 'no-resume', data, method: method() }), '--out', dir, '--resume']);
    expect(resume.code).not.toBe(0);
    expect(resume.err.join('\n')).toContain('not checkpointed');
  });

  it('`hepuq ibu problem.json --json` unfolds a binned problem given in pyunfold\'s argument names', async () => {
    const path = join(dir, 'problem.json');
    await writeFile(path, JSON.stringify({
      data: [100, 150], data_err: [10, 12.2], response: [[0.9, 0.1], [0.1, 0.9]], response_err: [[0.01, 0.01], [0.01, 0.01]],
      efficiencies: [1, 1], efficiencies_err: [0.01, 0.01], return_iterations: true,
    }));
    const run = await hepuq(['ibu', path, '--json']);
    expect(run.code, run.err.join('\n')).toBe(0);
    const result = JSON.parse(run.out.join('')) as Record<string, unknown> & { unfolded: number[]; iterations: unknown[]; num_iterations: number };
    expect(Object.keys(result)).toEqual(expect.arrayContaining(['unfolded', 'stat_err', 'sys_err', 'num_iterations', 'ts_iter', 'unfolding_matrix', 'iterations']));
    // pyunfold's iterative_unfold docstring: unfolded [94.32, 155.67] after 4 iterations
    expect(result.num_iterations).toBe(4);
    expect(result.unfolded[0]).toBeCloseTo(94.32, 2);
    expect(result.iterations).toHaveLength(4);
    const bad = await hepuq(['ibu', join(dir, 'missing.json'), '--json']);
    expect(bad.code).not.toBe(0);
    expect(bad.err.join('')).toContain('FileUnreadable');
  });

  it('names the mismatch when an unfolding method gets train data or a classifier gets { sim, data }', async () => {
    const unfoldTrain = await hepuq(['run', await writeConfig({ name: 'mismatch-a', data: { train: { toy: 'unfold-gauss', n: 100 } }, method: { use: 'omnifold' } }), '--out', dir]);
    expect(unfoldTrain.code).not.toBe(0);
    expect(unfoldTrain.err.join('\n')).toMatch(/unfolding method.*sim, data/);
    const classify = await hepuq(['run', await writeConfig({ name: 'mismatch-b', data: { sim: { toy: 'unfold-gauss', n: 100, gen: ['gen_x'], reco: ['reco_x'] }, data: { toy: 'unfold-gauss', n: 100, reco: ['reco_x'] } }, method: { use: 'mlp-classifier' } }), '--out', dir]);
    expect(classify.code).not.toBe(0);
    expect(classify.err.join('\n')).toMatch(/fits and predicts.*unfolding method/);
  });
});
