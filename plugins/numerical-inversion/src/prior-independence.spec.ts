// The acceptance test of numerical inversion (issue 20, Nachman 2020 "Calibration — a regression
// task"): trained on a falling prior and tested on a flat one, the inverted median response closes
// for the median in every bin of the true y, while a direct regression E[y | x] trained on the same
// events does not close at low and high y.
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHepuq, regressionPrediction, Rng, type Dataset, type HepuqApp, type RegressionPrediction } from '@hepuq/core';
import { datasets, invertMedianResponse, responsePosterior, responseToy } from '@hepuq/datasets';
import { nnPlugin } from '@hepuq/nn';
import { closureCompareStep, createClosureMetric, statsPlugin, type ClosureCompareArtifact, type ClosureRow } from '@hepuq/stats';
import { numericalInversion } from './numerical-inversion.plugin.js';
import { DETECTOR } from './method/oracle-response.spec-helpers.js';

/** The inner regression and the direct one alike: a small tanh MLP with a Gaussian head. */
const MLP = { hidden: [32, 32], activation: 'tanh', epochs: 25, batchSize: 512, lr: 0.003, lrFinal: 0.02 };
const FALLING = { shape: 'power-law', index: 2 } as const;

let app: HepuqApp;
let test: Dataset;
let artifact: ClosureCompareArtifact;
let tensorsBefore: number;
let tensorsAfter: number;

/** The closure rows of a prediction of the test set (10 quantile bins of the true y). */
const closureOf = (mean: Float32Array): ClosureRow[] => createClosureMetric({ bins: 10 }).compute({
  prediction: regressionPrediction(mean, new Float32Array(mean.length), new Float32Array(mean.length).fill(1)), truth: test.target!,
}).tables!.closure as ClosureRow[];

beforeAll(async () => {
  app = await createHepuq({ seed: 1, plugins: [nnPlugin(), statsPlugin(), datasets(), numericalInversion()] });
  const train = responseToy.generate(30_000, { prior: FALLING }, new Rng(1));
  test = responseToy.generate(10_000, { prior: { shape: 'flat' } }, new Rng(2));
  const ni = app.registries.methods.get('numerical-inversion');
  tensorsBefore = tf.memory().numTensors;
  const model = await ni.fit(train, ni.options.parse({ response: 'median', inner: { use: 'het-mlp', options: MLP } }), {
    rng: new Rng(3), events: app.events, methods: app.registries.methods, networks: app.registries.networks,
  });
  try {
    const prediction = (await model.predict(test)) as RegressionPrediction;
    artifact = await closureCompareStep.run({
      options: closureCompareStep.options.parse({ direct: { use: 'het-mlp', options: MLP }, closure: { bins: 10 } }),
      train, test, prediction, model, services: app.services, rng: new Rng(4), events: app.events,
    }) as unknown as ClosureCompareArtifact;
  } finally {
    model.dispose();
  }
  tensorsAfter = tf.memory().numTensors;
});
afterAll(() => app.dispose());

describe('numerical inversion: prior-independent closure (falling training prior, flat test prior)', () => {
  it('the exact inversion closes on this test sample (the control every bin is judged against)', () => {
    for (const row of closureOf(Float32Array.from(test.features.x, (x) => invertMedianResponse(x, 0, DETECTOR)))) {
      // 10 bins, |median| < 3.5 errors each: a false alarm rate of 0.5% for a closing calibration
      expect(Math.abs(row.median)).toBeLessThan(3.5 * row.median_error);
    }
  });

  it('the learned median response closes for the median in every bin, as the exact one does', () => {
    const [run] = artifact.entries;
    const exact = closureOf(Float32Array.from(test.features.x, (x) => invertMedianResponse(x, 0, DETECTOR)));
    expect(run.role).toBe('run');
    expect(run.closure).toHaveLength(10);
    for (const [b, row] of run.closure.entries()) {
      expect(Math.abs(row.median)).toBeLessThan(3.5 * row.median_error);
      // on the same events the learned inversion differs from the exact one by the network's own error
      // only, which 30000 training events keep below 1.5 statistical errors of the 1000-event bins
      expect(Math.abs(row.median - exact[b].median)).toBeLessThan(1.5 * row.median_error);
    }
    // chi^2/ndf of 10 closing bins is 1 +- 0.45; 2.5 has p < 0.5%
    expect(run.values.closure_median_chi2_ndf.value).toBeLessThan(2.5);
  });

  it('the direct regression does not close at low and high y, as its Bayes-optimal form E[y | x] under the training prior predicts', () => {
    const direct = artifact.entries[1];
    expect(direct.label).toBe('het-mlp (direct)');
    const [first, last] = [direct.closure[0], direct.closure[9]];
    // measured: about +2% (3.7 to 6 errors) in the lowest bin, -8% (30 errors) in the highest
    expect(first.median).toBeGreaterThan(2 * first.median_error);
    expect(last.median).toBeLessThan(-10 * last.median_error);
    expect(direct.values.closure_median_chi2_ndf.value).toBeGreaterThan(20);
    // the exact posterior mean under the falling prior has the same signs at both ends
    const posterior = responsePosterior(FALLING, 20, 200, DETECTOR);
    const bayes = closureOf(Float32Array.from(test.features.x, (x) => posterior(x, 0).mean));
    expect(bayes[0].median).toBeGreaterThan(3 * bayes[0].median_error);
    expect(bayes[9].median).toBeLessThan(-10 * bayes[9].median_error);
  });

  it('frees every tensor of the response and the direct regression', () => {
    expect(tensorsAfter).toBe(tensorsBefore);
  });
});
