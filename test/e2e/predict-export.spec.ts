import { mkdtempSync, readFileSync } from 'node:fs';
import { readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createHepuq, DataSource, loadDataSource, Rng, type ModelGraph } from '@hepuq/core';
import { io } from '@hepuq/io';
import { decodeOnnx } from '@hepuq/onnx';
import { afterAll, describe, expect, it } from 'vitest';
import { maxRelDiff, runOnnx } from '../export/onnx-feeds.js';
import { hepuqExpecting as hepuq } from './cli-in-process.js';

const dir = mkdtempSync(join(tmpdir(), 'hepuq-predict-'));
afterAll(async () => rm(dir, { recursive: true, force: true }));
const at = (name: string) => join(dir, name);

/** Every column of a CSV file. */
function csvColumns(path: string): Record<string, Float32Array> {
  const [header, ...rows] = readFileSync(path, 'utf8').trim().split('\n');
  const names = header.split(',');
  const cols = names.map(() => new Float32Array(rows.length));
  rows.forEach((row, i) => row.split(',').forEach((v, j) => (cols[j][i] = Number(v))));
  return Object.fromEntries(names.map((n, j) => [n, cols[j]]));
}

/** A CSV of events x1, x2 (and y = x1 sin x2 + noise unless `target` is false). */
async function writeEvents(path: string, n: number, seed: number, columns = ['x1', 'x2', 'y']): Promise<void> {
  const rng = new Rng(seed);
  const rows = Array.from({ length: n }, () => {
    const x1 = rng.normal(0, 1);
    const x2 = rng.uniform() * 3;
    const row: Record<string, number> = { x1, x2, y: x1 * Math.sin(x2) + rng.normal(0, 0.2) };
    return columns.map((c) => row[c]).join(',');
  });
  await writeFile(path, `${columns.join(',')}\n${rows.join('\n')}\n`);
}

/** The ONNX file's graph description as hepuq wrote it: re-read from the file's inputs and outputs. */
function readGraph(path: string): ModelGraph {
  return decodeOnnx(new Uint8Array(readFileSync(path)));
}

describe('hepuq predict and hepuq export on a run with file data (het-mlp)', () => {
  const runDir = at('runs/het-files');
  it('trains the run', async () => {
    await writeEvents(at('train.csv'), 300, 1);
    await writeEvents(at('test.csv'), 80, 2);
    await writeEvents(at('new.csv'), 80, 2, ['x2', 'x1']);
    await writeEvents(at('bad.csv'), 10, 3, ['x1', 'y']);
    const source = (file: string) => ({ path: at(file), features: ['x1', 'x2'], target: 'y' });
    const config = { name: 'het-files', seed: 3, data: { train: source('train.csv'), test: source('test.csv') }, method: { use: 'het-mlp', options: { hidden: [16], epochs: 3 } }, report: false };
    await writeFile(at('het.json'), JSON.stringify(config));
    await hepuq(['run', at('het.json'), '--out', at('runs')]);
  });

  it('predict on the run\'s test file writes the run\'s predictions.csv byte for byte', async () => {
    const { out } = await hepuq(['predict', runDir, '--data', at('test.csv'), '--out', at('p.csv')]);
    expect(out.join('\n')).toMatch(/predicted 80 events with het-mlp/);
    expect(await readFile(at('p.csv'), 'utf8')).toBe(await readFile(join(runDir, 'predictions.csv'), 'utf8'));
    // options before the directory (the CLI reads the directory before it builds its app)
    await hepuq(['predict', '--data', at('test.csv'), '--replicas', '0', '--out', at('p2.csv'), runDir]);
    expect(await readFile(at('p2.csv'), 'utf8')).toBe(await readFile(at('p.csv'), 'utf8'));
  });

  it('a new file without the target (columns in another order) gets the same predictions, without a y column', async () => {
    await hepuq(['predict', join(runDir, 'model'), '--data', at('new.csv'), '--out', at('new-p.csv')]);
    const fresh = csvColumns(at('new-p.csv'));
    const run = csvColumns(join(runDir, 'predictions.csv'));
    expect(Object.keys(fresh)).toEqual(['x1', 'x2', 'weight', 'mean', 'sigma_stat', 'sigma_syst', 'sigma_tot'].filter((c) => c in run));
    expect(fresh.mean).toEqual(run.mean);
  });

  it('an inline data source names the columns itself', async () => {
    await hepuq(['predict', runDir, '--data', `{path: ${at('test.csv')}, features: [x1, x2]}`, '--out', at('inline.csv')]);
    expect(csvColumns(at('inline.csv')).sigma_tot).toEqual(csvColumns(join(runDir, 'predictions.csv')).sigma_tot);
  });

  it('a file without one of the model\'s features is a MissingColumn error naming it', async () => {
    const { err } = await hepuq(['predict', runDir, '--data', at('bad.csv'), '--out', at('bad-p.csv')], 2);
    expect(err.join('\n')).toMatch(/MissingColumn[\s\S]*x2/);
  });

  it('export writes an ONNX file that ONNX Runtime evaluates to the run\'s predictions (1e-5)', async () => {
    const { out } = await hepuq(['export', '--format', 'onnx', runDir, '--out', at('het.onnx')]);
    expect(out.join('\n')).toMatch(/input {2}features \[events, 2\]/);
    const graph = readGraph(at('het.onnx'));
    const app = await createHepuq({ plugins: [io()] });
    try {
      const test = await loadDataSource(app.registries, DataSource.parse({ path: at('test.csv'), features: ['x1', 'x2'], target: 'y' }), app.rng);
      const onnx = await runOnnx(graph, test, new Uint8Array(readFileSync(at('het.onnx'))));
      const run = csvColumns(join(runDir, 'predictions.csv'));
      for (const c of ['mean', 'sigma_stat', 'sigma_syst', 'sigma_tot']) expect(maxRelDiff(onnx[c], run[c]), c).toBeLessThan(1e-5);
    } finally {
      app.dispose();
    }
  });

  it('a recalibrated run: predict and export warn that they give the model\'s uncalibrated predictions', async () => {
    const source = (file: string) => ({ path: at(file), features: ['x1', 'x2'], target: 'y' });
    const config = { name: 'het-recal', seed: 3, data: { train: source('train.csv'), test: source('test.csv') }, recalibration: { use: 'variance-scaling' }, method: { use: 'het-mlp', options: { hidden: [8], epochs: 1 } }, report: false };
    await writeFile(at('recal.json'), JSON.stringify(config));
    await hepuq(['run', at('recal.json'), '--out', at('runs')]);
    const predicted = await hepuq(['predict', at('runs/het-recal'), '--data', at('test.csv'), '--out', at('recal-p.csv')]);
    expect(predicted.err.join('\n')).toMatch(/recalibrated its predictions \(variance-scaling\)[\s\S]*uncalibrated/);
    const exported = await hepuq(['export', at('runs/het-recal'), '--out', at('recal.onnx')]);
    expect(exported.err.join('\n')).toMatch(/uncalibrated/);
  });

  it('bad command lines are catalog errors', async () => {
    expect((await hepuq(['predict', runDir, '--data', at('test.csv')], 2)).err.join('\n')).toMatch(/InvalidCommandLine[\s\S]*--out/);
    expect((await hepuq(['export', dir, '--out', at('x.onnx')], 2)).err.join('\n')).toMatch(/ModelLoadFailed[\s\S]*neither a run directory/);
    expect((await hepuq(['export', runDir, '--format', 'nope', '--out', at('x.onnx')], 2)).err.join('\n')).toMatch(/UnknownKey[\s\S]*nope/);
    expect((await hepuq(['export', runDir, '--out', at('x.txt')], 2)).err.join('\n')).toMatch(/InvalidCommandLine[\s\S]*\.onnx/);
    expect((await hepuq(['predict', runDir, '--data', at('test.csv'), '--out', at('p.unknown')], 2)).err.join('\n')).toMatch(/UnsupportedFormat/);
  });
});

describe('hepuq predict and export on a Bayesian PFN read from the top-tagging HDF5 layout', () => {
  const source = {
    path: resolve('packages/io/fixtures/hdf5/toptag_table.h5:/table'), label: 'is_signal_new',
    sets: { constituents: { columns: { e: 'E_{i}', px: 'PX_{i}', py: 'PY_{i}', pz: 'PZ_{i}' }, size: 20, orderBy: 'log_rel_pt', preprocess: { center: true, relativePt: true, log: ['pt', 'e'] } } },
  };
  const runDir = at('runs/bayes-pfn');
  it('predict reproduces the run (same draws from the run seed) and the ONNX graph agrees to 1e-5', async () => {
    const config = {
      name: 'bayes-pfn', seed: 4, replicas: 3, data: { train: source, test: source }, report: false,
      method: { use: 'bnn-classifier', options: { hidden: [16], epochs: 2, draws: 5, network: { use: 'pfn', options: { phi: [16, 16] } } } },
    };
    await writeFile(at('bayes.json'), JSON.stringify(config));
    await hepuq(['run', at('bayes.json'), '--out', at('runs')]);
    await hepuq(['predict', runDir, '--data', resolve('packages/io/fixtures/hdf5/toptag_table.h5'), '--out', at('bayes-p.csv')]);
    expect(await readFile(at('bayes-p.csv'), 'utf8')).toBe(await readFile(join(runDir, 'predictions.csv'), 'utf8'));

    await hepuq(['export', runDir, '--out', at('bayes.onnx')]);
    const graph = readGraph(at('bayes.onnx'));
    expect(graph.inputs.map((i) => i.name)).toEqual(['constituents', 'constituents_mask']);
    const app = await createHepuq({ plugins: [io()] });
    try {
      const jets = await loadDataSource(app.registries, DataSource.parse(source), app.rng);
      const onnx = await runOnnx(graph, jets, new Uint8Array(readFileSync(at('bayes.onnx'))));
      const run = csvColumns(join(runDir, 'predictions.csv'));
      expect(maxRelDiff(onnx.prob, run.prob)).toBeLessThan(1e-5);
      expect(maxRelDiff(onnx.sigma_prob, run.sigma_prob)).toBeLessThan(1e-5);
      // the graph holds max(draws, replicas) = 5 draws; the run's replica_r columns are the first 3
      for (let r = 0; r < 3; r++) expect(maxRelDiff(onnx.replicas.subarray(r * jets.n, (r + 1) * jets.n), run[`replica_${r}`])).toBeLessThan(1e-5);
    } finally {
      app.dispose();
    }
  });
});
