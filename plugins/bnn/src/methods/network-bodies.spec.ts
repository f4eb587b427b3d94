import * as tf from '@tensorflow/tfjs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Dataset, EventBus, particleSetFromJagged, Rng, type NetworkInputs, type Prediction } from '@hepuq/core';
import { planNetwork } from '@hepuq/nn';
import { stackFactory } from '../model/model-spec.js';
import { StochasticBody } from '../network/stochastic-body.js';
import { NoiseSource } from '../random/noise-source.js';
import { bnnClassifierMethod } from './bnn-classifier.method.js';
import { mcDropoutMethod } from './mc-dropout.method.js';

/**
 * Events with 1-6 particles (pt, eta); label 1 when the pT-weighted eta is positive (regression target:
 * that weighted eta itself), so only a network that looks at the particles can learn it.
 */
function sets(n: number, seed: number): Dataset {
  const rng = new Rng(seed);
  const cols = { pt: [] as number[][], eta: [] as number[][] };
  const label = new Float32Array(n);
  const target = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    const len = 1 + rng.int(6);
    cols.pt.push(Array.from({ length: len }, () => 0.05 + rng.uniform()));
    cols.eta.push(Array.from({ length: len }, () => rng.normal(0, 1)));
    const sum = cols.pt[i].reduce((a, v) => a + v, 0);
    target[i] = cols.pt[i].reduce((a, v, k) => a + v * cols.eta[i][k], 0) / sum;
    label[i] = target[i] > 0 ? 1 : 0;
  }
  const set = particleSetFromJagged({ features: ['pt', 'eta'], columns: cols, size: 6, orderBy: 'pt' });
  return new Dataset({ features: { mult: Float32Array.from(cols.pt, (p) => p.length) }, label, target, sets: { parts: set }, source: 'sets' });
}

const ctx = () => ({ rng: new Rng(5), events: new EventBus() });

function auc(prob: Float32Array, label: Float32Array): number {
  const order = [...prob.keys()].sort((a, b) => prob[a] - prob[b]);
  let rankSum = 0;
  let pos = 0;
  order.forEach((i, r) => {
    if (label[i] === 1) {
      rankSum += r + 1;
      pos++;
    }
  });
  const neg = label.length - pos;
  return (rankSum - (pos * (pos + 1)) / 2) / (pos * neg);
}

async function roundTrip(model: { save(dir: string): Promise<void> }, load: (dir: string) => Promise<{ predict(d: Dataset, o?: object): Promise<Prediction>; dispose(): void }>, test: Dataset, expected: Prediction): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'hepuq-bnn-body-'));
  try {
    await model.save(dir);
    const loaded = await load(dir);
    const again = await loaded.predict(test, { replicas: 2 });
    expect(again).toEqual(expected);
    loaded.dispose();
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

describe('bnn methods on network bodies', () => {
  const train = sets(1500, 1);
  const test = sets(500, 2);

  it('every stack of a stochastic set body gets a gradient (F passes it on to Phi)', () => {
    const plan = planNetwork(train, { use: 'pfn', options: { phi: [8, 4] } }, { outputs: 1, hidden: [8], activation: 'relu' }, { events: new EventBus(), method: 'test' });
    for (const network of [{ kind: 'variational', priorSigma: 1, initSigma: 0.05, layer: 'local' }, { kind: 'dropout', rate: 0.1, priorSigma: 1 }] as const) {
      const body = StochasticBody.create(plan, stackFactory(network, plan), new Rng(1));
      const inputs = plan.inputs(train.subset(Int32Array.from({ length: 64 }, (_, i) => i)));
      const grads = tf.tidy(() => {
        const x = Object.fromEntries(Object.entries(inputs).map(([k, m]) => [k, tf.tensor2d(m.values, [64, m.width])])) as NetworkInputs;
        const { grads: g } = tf.variableGrads(() => tf.sum(body.trainPass(x, new NoiseSource(new Rng(2))).out) as tf.Scalar, body.trainables);
        return Object.values(g).map((t) => tf.norm(t).dataSync()[0]);
      });
      expect(grads).toHaveLength(2);
      grads.forEach((g) => expect(g).toBeGreaterThan(1e-6));
      body.dispose();
    }
  });

  it('bnn-classifier with a Bayesian PFN learns the set, keeps sigma_prob <= sqrt(mu(1 - mu)) and saves/loads', async () => {
    const before = tf.memory().numTensors;
    const options = bnnClassifierMethod.options.parse({
      epochs: 12, hidden: [16], draws: 20, lr: 5e-3, network: { use: 'pfn', options: { phi: [16, 8] } },
    });
    const model = await bnnClassifierMethod.fit(train, options, ctx());
    const pred = await model.predict(test, { replicas: 2 });
    if (pred.kind !== 'classification') throw new Error('expected classification');
    // the label is the sign of sum_i pt_i eta_i, a sum over particles as a PFN forms it; the flat feature
    // (multiplicity) carries no information (AUC 0.5), so AUC > 0.8 on 500 events (error ~0.02) shows the set was learnt
    expect(auc(pred.prob, test.label!)).toBeGreaterThan(0.8);
    pred.prob.forEach((p, i) => expect(pred.sigmaProb[i]).toBeLessThanOrEqual(Math.sqrt(p * (1 - p)) + 1e-6));
    expect(Math.max(...pred.sigmaProb)).toBeGreaterThan(1e-3);
    await roundTrip(model, (dir) => bnnClassifierMethod.load(dir, ctx()), test, pred);
    model.dispose();
    expect(tf.memory().numTensors).toBe(before);
  }, 60_000);

  it('mc-dropout regression with an EFN (dropout masks drawn per event, shared by its particles)', async () => {
    const before = tf.memory().numTensors;
    // the target sum_i z_i eta_i is an EFN with Phi(eta) = eta and F the identity
    const options = mcDropoutMethod.options.parse({ epochs: 12, hidden: [16], draws: 20, network: { use: 'efn', options: { phi: [16, 8] } } });
    const model = await mcDropoutMethod.fit(train, options, ctx());
    const pred = await model.predict(test, { replicas: 2 });
    if (pred.kind !== 'regression') throw new Error('expected regression');
    let sq = 0;
    let varY = 0;
    const mean = test.target!.reduce((a, v) => a + v, 0) / test.n;
    test.target!.forEach((y, i) => {
      sq += (y - pred.mean[i]) ** 2;
      varY += (y - mean) ** 2;
    });
    // the network explains most of the target's variance (R^2 > 0.7)
    expect(1 - sq / varY).toBeGreaterThan(0.7);
    expect(Math.min(...pred.sigmaStat)).toBeGreaterThan(0);
    await roundTrip(model, (dir) => mcDropoutMethod.load(dir, ctx()), test, pred);
    model.dispose();
    expect(tf.memory().numTensors).toBe(before);
  }, 60_000);
});
