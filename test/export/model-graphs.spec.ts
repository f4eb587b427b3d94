import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { Dataset, EventBus, particleSetFromJagged, Registry, Rng, type FittedModel, type NetworkBody, type NetworkPlan, type Prediction, type UQMethod } from '@hepuq/core';
import { hetMlpMethod, mlpBody, mlpClassifierMethod } from '@hepuq/nn';
import { bnnClassifierMethod, bnnMethod, mcDropoutMethod } from '@hepuq/plugin-bnn';
import { deepEnsembleClassifierMethod, deepEnsembleMethod } from '@hepuq/plugin-ensembles';
import { discoMethod } from '@hepuq/plugin-pivot-adversary';
import { maxRelDiff, runOnnx } from './onnx-feeds.js';

/**
 * Events with 1-6 particles (pt, eta, phi) and two flat features; target: the pT-weighted eta plus
 * noise, label: its sign. Enough structure that trained weights are not at their initial values.
 */
function events(n: number, seed: number, size = 6, classes = 2): Dataset {
  const rng = new Rng(seed);
  const cols = { pt: [] as number[][], eta: [] as number[][], phi: [] as number[][] };
  const target = new Float32Array(n);
  const label = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    const len = 1 + rng.int(6);
    cols.pt.push(Array.from({ length: len }, () => 0.05 + rng.uniform()));
    cols.eta.push(Array.from({ length: len }, () => rng.normal(0, 1)));
    cols.phi.push(Array.from({ length: len }, () => rng.normal(0, 1)));
    const sum = cols.pt[i].reduce((a, v) => a + v, 0);
    target[i] = cols.pt[i].reduce((a, v, k) => a + v * cols.eta[i][k], 0) / sum + rng.normal(0, 0.1);
    label[i] = classes === 2 ? (target[i] > 0 ? 1 : 0) : target[i] < -0.3 ? 0 : target[i] < 0.3 ? 1 : 2;
  }
  const set = particleSetFromJagged({ features: ['pt', 'eta', 'phi'], columns: cols, size, orderBy: 'pt' });
  const features = { mult: Float32Array.from(cols.pt, (p) => p.length), lead: Float32Array.from(cols.pt, (p) => Math.max(...p)) };
  const nuisances = { z: Float32Array.from(target, () => rng.normal(0, 1)) };
  return new Dataset({ features, target, label, nuisances, sets: { parts: set }, source: 'events' });
}

/** `data` with a second regression target (the leading pT, doubled, plus noise): a two-target regression. */
function twoTargets(data: Dataset, seed: number): Dataset {
  const rng = new Rng(seed);
  const second = Float32Array.from(data.features.lead, (v) => 2 * v + rng.normal(0, 0.2));
  return new Dataset({ features: data.features, targets: [{ name: 'eta', values: data.target! }, { name: 'lead2', values: second }], sets: data.sets, source: 'two-target events' });
}

const train = events(300, 1);
const test = events(50, 2);
const ctx = () => ({ rng: new Rng(7), events: new EventBus() });
const quick = { hidden: [16], epochs: 2, batchSize: 64 };

const BODIES: [string, Record<string, unknown>][] = [
  ['mlp', {}],
  ['deep-sets', { set: 'parts', phi: [8, 8], pooling: 'mean' }],
  ['pfn', { set: 'parts', phi: [8, 8], flat: ['mult', 'lead'] }],
  ['efn', { set: 'parts', phi: [8, 8], features: ['eta', 'phi'] }],
];

/**
 * Columns of a prediction by their graph output names (replica_<r> flattened into `replicas`); a
 * K-class prediction's [K][n] columns interleaved event by event, as the graph's [events, K] outputs.
 */
function columns(p: Prediction): Record<string, Float32Array> {
  const perEvent = (cols: Float32Array[]) => Float32Array.from({ length: cols.length * cols[0].length }, (_, j) => cols[j % cols.length][Math.floor(j / cols.length)]);
  if (p.kind === 'regression' && p.targets) {
    const t = p.targets;
    const own: Record<string, Float32Array> = {
      mean: perEvent(t.map((c) => c.mean)), sigma_stat: perEvent(t.map((c) => c.sigmaStat)), sigma_syst: perEvent(t.map((c) => c.sigmaSyst)), sigma_tot: perEvent(t.map((c) => c.sigmaTot)),
    };
    if (p.replicas) own.replicas = Float32Array.from(p.replicas.flatMap((_, r) => [...perEvent(t.map((c) => c.replicas![r]))]));
    return own;
  }
  if (p.kind === 'multiclass') {
    const own: Record<string, Float32Array> = { probs: perEvent(p.probs), sigma_probs: perEvent(p.sigmaProbs) };
    if (p.replicas) own.replicas = Float32Array.from(p.replicas.flatMap((r) => [...perEvent(r)]));
    return own;
  }
  const replicas = p.replicas ? Float32Array.from(p.replicas.flatMap((r) => [...r])) : undefined;
  const own: Record<string, Float32Array> = p.kind === 'regression'
    ? { mean: p.mean, sigma_stat: p.sigmaStat, sigma_syst: p.sigmaSyst, sigma_tot: p.sigmaTot }
    : { prob: p.prob, sigma_prob: p.sigmaProb };
  return replicas ? { ...own, replicas } : own;
}

/** Fit, predict `test` and run the model's graph on it with ONNX Runtime: every output agrees with predict. */
async function agrees(method: UQMethod, options: Record<string, unknown>, replicas = 0, data = train, on = test): Promise<void> {
  const model: FittedModel = await method.fit(data, method.options.parse(options), ctx());
  try {
    const seed = 11;
    const prediction = await model.predict(on, { replicas, seed });
    const tensors = tf.memory().numTensors;
    const graph = model.graph!({ replicas, seed });
    expect(tf.memory().numTensors).toBe(tensors);
    const onnx = await runOnnx(graph, on);
    const expected = columns(prediction);
    if (!prediction.replicas) delete onnx.replicas;
    delete onnx.replica_sigma;
    expect(Object.keys(onnx).sort()).toEqual(Object.keys(expected).sort());
    for (const [name, values] of Object.entries(expected)) {
      expect(maxRelDiff(onnx[name], values), `${method.key} ${name}`).toBeLessThan(1e-5);
    }
  } finally {
    model.dispose();
  }
}

describe('exported graphs compute what predict computes (ONNX Runtime, to 1e-5)', () => {
  for (const [use, options] of BODIES) {
    it(`het-mlp with the ${use} body`, async () => agrees(hetMlpMethod, { ...quick, network: { use, options } }));
  }
  it('mlp-classifier with a pfn body', async () => agrees(mlpClassifierMethod, { ...quick, network: { use: 'pfn', options: BODIES[2][1] } }));
  it('disco (a decorrelated classifier of the pivot-adversary plugin)', async () => agrees(discoMethod, { ...quick, lambda: 1 }));
  it('deep-ensemble: the members as the replica axis, combined as predict combines them', async () => {
    await agrees(deepEnsembleMethod, { ...quick, members: 3, network: { use: 'deep-sets', options: BODIES[1][1] } }, 3);
  });
  it('bnn: the posterior draws predict makes with the same seed', async () => {
    await agrees(bnnMethod, { ...quick, draws: 5, network: { use: 'pfn', options: BODIES[2][1] } }, 5);
  });
  it('bnn-classifier on the mlp body, more replicas than draws', async () => agrees(bnnClassifierMethod, { ...quick, draws: 3 }, 6));
  const threeClasses = events(300, 1, 6, 3);
  it('mlp-classifier with 3 classes (softmax) on a deep-sets body', async () => {
    await agrees(mlpClassifierMethod, { ...quick, network: { use: 'deep-sets', options: BODIES[1][1] } }, 0, threeClasses);
  });
  it('deep-ensemble-classifier with 3 classes: probs, sigma_probs and replicas [R, events, K]', async () => {
    await agrees(deepEnsembleClassifierMethod, { ...quick, members: 3 }, 3, threeClasses);
  });
  it('bnn-classifier with 3 classes on a pfn body', async () => {
    await agrees(bnnClassifierMethod, { ...quick, draws: 4, network: { use: 'pfn', options: BODIES[2][1] } }, 4, threeClasses);
  });
  const [trainTwo, testTwo] = [twoTargets(train, 3), twoTargets(test, 4)];
  it('het-mlp on two targets with a pfn body: outputs [events, T], replicas [R, events, T]', async () => {
    await agrees(hetMlpMethod, { ...quick, network: { use: 'pfn', options: BODIES[2][1] } }, 0, trainTwo, testTwo);
  });
  it('deep-ensemble on two targets', async () => agrees(deepEnsembleMethod, { ...quick, members: 3 }, 3, trainTwo, testTwo));
  it('deep-ensemble of 5 members: sigma_stat with the Student-t factor sqrt(6/2), on two targets', async () => agrees(deepEnsembleMethod, { ...quick, members: 5 }, 5, trainTwo, testTwo));
  it('bnn on two targets with a deep-sets body', async () => {
    await agrees(bnnMethod, { ...quick, draws: 4, network: { use: 'deep-sets', options: BODIES[1][1] } }, 4, trainTwo, testTwo);
  });
  it('mc-dropout: the dropout masks folded into the weights', async () => {
    await agrees(mcDropoutMethod, { ...quick, hidden: [16, 16], draws: 4, network: { use: 'efn', options: BODIES[3][1] } }, 4);
  });

  it('the particle axis is free: more padding slots than in training give the same outputs', async () => {
    const model = await hetMlpMethod.fit(train, hetMlpMethod.options.parse({ ...quick, network: { use: 'pfn', options: BODIES[2][1] } }), ctx());
    try {
      const graph = model.graph!();
      const [six, ten] = [await runOnnx(graph, test), await runOnnx(graph, events(50, 2, 10))];
      expect(maxRelDiff(ten.mean, six.mean)).toBeLessThan(1e-6);
      expect(maxRelDiff(ten.sigma_tot, six.sigma_tot)).toBeLessThan(1e-6);
    } finally {
      model.dispose();
    }
  });

  it('a plugin body without a graph mapping trains and predicts, and export refuses it with UnsupportedNetwork', async () => {
    const withoutGraph = (plan: NetworkPlan): NetworkPlan => ({ ...plan, spec: { ...plan.spec, use: 'acme/opaque' }, graph: undefined });
    const body: NetworkBody = { ...mlpBody, key: 'acme/opaque', plan: (data, _options, request) => withoutGraph(mlpBody.plan(data, {}, request)), restore: (...a) => withoutGraph(mlpBody.restore(...a)) };
    const networks = new Registry<NetworkBody>('network');
    networks.add('acme/opaque', body);
    const model = await hetMlpMethod.fit(train, hetMlpMethod.options.parse({ ...quick, network: { use: 'acme/opaque' } }), { ...ctx(), networks });
    try {
      expect((await model.predict(test)).kind).toBe('regression');
      expect(() => model.graph!()).toThrow(expect.objectContaining({ code: 'UnsupportedNetwork', message: expect.stringMatching(/acme\/opaque/) }));
    } finally {
      model.dispose();
    }
  });
});
