import { mkdtempSync, readFileSync } from 'node:fs';
import { readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Rng } from '@hepuq/core';
import { threeClass2dToy } from '@hepuq/datasets';
import { afterAll, describe, expect, it } from 'vitest';
import { hepuqExpecting as hepuq } from './cli-in-process.js';

const dir = mkdtempSync(join(tmpdir(), 'hepuq-multiclass-'));
afterAll(async () => rm(dir, { recursive: true, force: true }));
const at = (name: string) => join(dir, name);

/** A CSV of three-class-2d events: x1, x2 and the label 0..2. */
async function writeEvents(path: string, n: number, seed: number): Promise<void> {
  const ds = threeClass2dToy.generate(n, {}, new Rng(seed));
  const rows = Array.from({ length: n }, (_, i) => `${ds.features.x1[i]},${ds.features.x2[i]},${ds.label![i]}`);
  await writeFile(path, `x1,x2,label\n${rows.join('\n')}\n`);
}

describe('a K-class run: hepuq run, predict and export with three classes', () => {
  const runDir = at('runs/three');
  const source = (file: string) => ({ path: at(file), features: ['x1', 'x2'], label: 'label' });

  it('writes prob_<class>, sigma_prob_<class> and replica columns, the multiclass metrics and the report section', async () => {
    await writeEvents(at('train.csv'), 1500, 1);
    await writeEvents(at('test.csv'), 400, 2);
    const config = {
      name: 'three', seed: 4, replicas: 2,
      data: { train: source('train.csv'), test: source('test.csv') },
      method: { use: 'deep-ensemble-classifier', options: { members: 3, hidden: [16], epochs: 3, classes: ['up', 'left', 'right'] } },
    };
    await writeFile(at('three.json'), JSON.stringify(config));
    await hepuq(['run', at('three.json'), '--out', at('runs')]);
    const [header] = (await readFile(join(runDir, 'predictions.csv'), 'utf8')).split('\n');
    expect(header.split(',')).toEqual([
      'x1', 'x2', 'label', 'weight',
      'prob_up', 'prob_left', 'prob_right', 'sigma_prob_up', 'sigma_prob_left', 'sigma_prob_right',
      'replica_0_prob_up', 'replica_0_prob_left', 'replica_0_prob_right', 'replica_1_prob_up', 'replica_1_prob_left', 'replica_1_prob_right',
    ].filter((c) => c !== 'weight' || header.includes('weight')));
    const metrics = JSON.parse(await readFile(join(runDir, 'metrics.json'), 'utf8')) as Record<string, unknown>;
    for (const name of ['accuracy', 'brier', 'log_loss', 'ece_top_label', 'ece_classwise', 'calibration_chi2', 'calibration_p']) {
      expect(JSON.stringify(metrics), name).toContain(`"${name}"`);
    }
    expect(readFileSync(join(runDir, 'report.html'), 'utf8')).toMatch(/classwise/i);
  });

  it('predict reproduces the run\'s predictions; export writes probs [events, K] with the class names', async () => {
    await hepuq(['predict', runDir, '--data', at('test.csv'), '--replicas', '2', '--out', at('p.csv')]);
    expect(await readFile(at('p.csv'), 'utf8')).toBe(await readFile(join(runDir, 'predictions.csv'), 'utf8'));
    const { out } = await hepuq(['export', runDir, '--format', 'onnx', '--out', at('three.onnx')]);
    expect(out.join('\n')).toMatch(/probs/);
  });

  it('a label outside 0..K-1 and a recalibration of K-class probabilities are refused before training', async () => {
    const bad = { name: 'bad', data: { train: source('train.csv') }, method: { use: 'mlp-classifier', options: { classes: 2 } } };
    await writeFile(at('bad.json'), JSON.stringify(bad));
    const { err } = await hepuq(['run', at('bad.json'), '--out', at('runs')], 2);
    expect(err.join('\n')).toMatch(/data.train: label "label" is 2 in row \d+, expected an integer 0\.\.1 \(2 classes\)/);
    const recal = { name: 'recal', data: { train: source('train.csv') }, method: { use: 'mlp-classifier' }, recalibration: { use: 'temperature-scaling' } };
    await writeFile(at('recal.json'), JSON.stringify(recal));
    const second = await hepuq(['run', at('recal.json'), '--out', at('runs')], 2);
    expect(second.err.join('\n')).toMatch(/recalibrates binary classifiers, but this run predicts 3-class probabilities/);
    // a binary metric on a K-class run, and a test label the training does not know
    const metric = { ...bad, name: 'metric', method: { use: 'mlp-classifier' }, metrics: ['auc'] };
    await writeFile(at('metric.json'), JSON.stringify(metric));
    expect((await hepuq(['run', at('metric.json'), '--out', at('runs')], 2)).err.join('\n')).toMatch(/"auc" is a classification metric, but this run predicts 3-class/);
    const unknown = { ...bad, name: 'unknown', method: { use: 'mlp-classifier', options: { classes: 3 } }, data: { train: source('train.csv'), test: source('test4.csv') } };
    await writeFile(at('test4.csv'), `${['x1,x2,label', '0,0,3', '1,1,0'].join('\n')}\n`);
    await writeFile(at('unknown.json'), JSON.stringify(unknown));
    expect((await hepuq(['run', at('unknown.json'), '--out', at('runs')], 2)).err.join('\n')).toMatch(/data.test: label "label" is 3 in row 1, expected an integer 0\.\.2 \(3 classes\)/);
  });
});
